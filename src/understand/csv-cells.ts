/** Cells of a delimited line: the one CSV splitter of the sniffer and the row readers. */

/** Splits one CSV line on the delimiter, honouring double quotes. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const char = line[i]
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === delimiter) {
      cells.push(cell.trim())
      cell = ''
    } else cell += char
  }
  cells.push(cell.trim())
  return cells
}

export function pickDelimiter(header: string): string {
  const unquoted = header.replace(/"[^"]*"/g, '')
  const counts = [',', '\t', ';'].map((d) => [d, unquoted.split(d).length - 1] as const)
  counts.sort((a, b) => b[1] - a[1])
  return counts[0][1] > 0 ? counts[0][0] : ','
}
