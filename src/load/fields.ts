import { pickDelimiter } from '../understand/sniff.js'

/**
 * Splits one delimited record into fields. Lines without a double quote
 * (all of a docker-stats log, nearly all metric CSVs) take `String.split`;
 * a record with quotes is read by {@link splitQuoted}, RFC 4180 as csv-parse
 * reads it by default (a quote opens a field only at its start, `""` inside
 * quotes is a quote, the closing quote is followed by the delimiter or the
 * end). A record may hold line breaks inside quotes (the CSV reader joins
 * the lines a quoted field spans). It used to be csv-parse's sync parser
 * per line: about 0.7 ms a line, 639 s for a 931 MB file with quoted fields.
 */
export function splitFields(line: string, delimiter: string): string[] | { error: string } {
  if (line.indexOf('"') === -1) return line.split(delimiter)
  return splitQuoted(line, delimiter)
}

/** {@link splitFields} for a record with a quote in it. */
export function splitQuoted(line: string, delimiter: string): string[] | { error: string } {
  const fields: string[] = []
  const length = line.length
  let at = 0
  for (;;) {
    if (line.charCodeAt(at) === 34) {
      // a quoted field: up to the quote not doubled
      let value = ''
      let from = at + 1
      for (;;) {
        const quote = line.indexOf('"', from)
        if (quote === -1)
          return {
            error: `valid CSV quoting (the quote of field ${fields.length + 1} is never closed)`
          }
        if (line.charCodeAt(quote + 1) === 34) {
          value += line.slice(from, quote + 1)
          from = quote + 2
          continue
        }
        value += line.slice(from, quote)
        at = quote + 1
        break
      }
      fields.push(value)
      if (at >= length) return fields
      if (!line.startsWith(delimiter, at))
        return {
          error: `valid CSV quoting (field ${fields.length} goes on after its closing quote: "${excerpt(line.slice(at, at + 10))}"; a quote inside a quoted field is written "")`
        }
      at += delimiter.length
      if (at >= length) {
        fields.push('')
        return fields
      }
      continue
    }
    const next = line.indexOf(delimiter, at)
    const field = next === -1 ? line.slice(at) : line.slice(at, next)
    if (field.indexOf('"') !== -1)
      return {
        error: `valid CSV quoting (a quote inside field ${fields.length + 1} "${excerpt(field.slice(0, 20))}", which does not start with one; quote the whole field and double the quote)`
      }
    fields.push(field)
    if (next === -1) return fields
    at = next + delimiter.length
  }
}

/** A piece of a record quoted in a message: one line, no control bytes. */
function excerpt(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, '?')
}

/**
 * Picks the delimiter of a header line by the sniffer's rule (the most
 * frequent of comma, tab, semicolon outside quotes; comma on a tie), so a
 * `Zeit;RSS (MB, peak)` header splits on `;` in the loader as in detection.
 */
export function detectDelimiter(header: string): string {
  return pickDelimiter(header)
}
