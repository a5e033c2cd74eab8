import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { readHead, readLines } from '../../src/io/read-lines.js'
import { splitText } from '../../src/load/index.js'
import { useTempDir } from '../helpers/temp-dir.js'

const dir = useTempDir('lines')
function write(name: string, content: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

async function collect(path: string, options = {}): Promise<string[]> {
  const lines: string[] = []
  for await (const line of readLines(path, options)) lines.push(line)
  return lines
}

describe('readLines', () => {
  it.each([
    ['LF', 'a,b\n1,2\n3,4\n'],
    ['CRLF', 'a,b\r\n1,2\r\n3,4\r\n'],
    ['CRCRLF', 'a,b\r\r\n1,2\r\r\n3,4\r\r\n'],
    ['BOM', '\ufeffa,b\n1,2\n3,4\n'],
    ['no final newline', 'a,b\n1,2\n3,4'],
    ['BOM + CRLF + no final newline', '\ufeffa,b\r\n1,2\r\n3,4']
  ])('%s', async (name, text) => {
    const path = write(`${name}.csv`, text)
    expect(await collect(path)).toEqual(['a,b', '1,2', '3,4'])
    expect(splitText(text)).toEqual(['a,b', '1,2', '3,4'])
  })

  it('keeps multi-byte characters whole across chunk boundaries', async () => {
    const line = 'µ€𝄞'.repeat(50)
    const path = write('utf8.txt', `${line}\n${line}\n`)
    expect(await collect(path, { chunkSize: 7 })).toEqual([line, line])
  })

  it('splits lines that span many small chunks', async () => {
    const lines = Array.from({ length: 500 }, (_, i) => `${i},${'x'.repeat(i % 37)}`)
    const path = write('many.csv', lines.join('\n') + '\n')
    expect(await collect(path, { chunkSize: 64 })).toEqual(lines)
  })

  it('yields batches too, with the same lines', async () => {
    const path = write('batches.csv', 'a\nb\nc\n')
    const batches: string[][] = []
    for await (const batch of readLines(path).batches()) batches.push([...batch])
    expect(batches.flat()).toEqual(['a', 'b', 'c'])
  })

  it('refuses a line over the cap with its line number, before reading it whole', async () => {
    const path = write('long.txt', `ok\n${'x'.repeat(5000)}\n`)
    await expect(
      collect(path, { maxLineLength: 1000, chunkSize: 256, displayName: 'long.txt' })
    ).rejects.toThrow(/^long\.txt:2: found "x{60}", expected a line of at most 1000 characters/)
  })

  it('reads the lines before an over-long one, whichever way it is read (lines or bytes)', async () => {
    const path = write('long-in-chunk.csv', `time,rss\n1,10\n${'x'.repeat(200)}\n3,30\n`)
    const seen: string[] = []
    await expect(
      (async () => {
        for await (const line of readLines(path, { maxLineLength: 100 })) seen.push(line)
      })()
    ).rejects.toThrow(/:3: .*expected a line of at most 100 characters/)
    expect(seen).toEqual(['time,rss', '1,10'])
    const walked: string[] = []
    const none = { lines: 0, walk: (_bytes: Uint8Array, start: number) => start }
    await expect(
      readLines(path, { maxLineLength: 100 }).scan!(none, (line) => {
        walked.push(line)
      })
    ).rejects.toThrow(/:3: .*expected a line of at most 100 characters/)
    expect(walked).toEqual(seen)
  })

  it('stops at a NUL byte with the line it is on', async () => {
    const path = write('nul.bin', Buffer.from('a\nb\nc\u0000d\n'))
    await expect(collect(path, { displayName: 'nul.bin' })).rejects.toThrow(
      'nul.bin:3: a text file, found binary data (a NUL byte)'
    )
  })
})

describe('readLines: NUL bytes and bytes that are not UTF-8', () => {
  it('passes NUL bytes on when the loader asks (Prometheus judges them itself)', async () => {
    const path = write('nul.prom', Buffer.from('# HELP a he\u0000lp\na{b="\u0000"} 1\n'))
    const lines: string[] = []
    for await (const batch of readLines(path).batches({ keepNul: true })) lines.push(...batch)
    expect(lines).toEqual(['# HELP a he\u0000lp', 'a{b="\u0000"} 1'])
  })

  it('decodes a byte that is not UTF-8 as a lone surrogate, a real U+FFFD as itself, whichever path reads it', async () => {
    const bytes = Buffer.concat([
      Buffer.from('ok \ufffd\n'),
      Buffer.from([0x61, 0xff, 0x62, 0xe2, 0x82, 0x0a]),
      Buffer.from('\u00b5\u20ac\ud834\udd1e\n')
    ])
    const path = write('mixed.txt', bytes)
    const expected = ['ok \ufffd', 'a\udcffb\udce2\udc82', '\u00b5\u20ac\ud834\udd1e']
    for (const chunkSize of [3, 7, 1 << 20]) {
      expect(await collect(path, { chunkSize })).toEqual(expected)
      const declined: string[] = []
      const none = { lines: 0, walk: (_bytes: Uint8Array, start: number) => start }
      await readLines(path, { chunkSize }).scan!(none, (line) => {
        declined.push(line)
      })
      expect(declined).toEqual(expected)
    }
  })
})

describe('readHead', () => {
  it('reads the first lines only', async () => {
    const path = write('head.csv', '\ufeffh1,h2\r\n1,2\r\n3,4\r\n5,6\r\n')
    expect(await readHead(path, 2)).toEqual(['h1,h2', '1,2'])
    expect(await readHead(path, 10)).toEqual(['h1,h2', '1,2', '3,4', '5,6'])
  })
})

describe('UTF-16 text (Windows PowerShell 5 writes it by default)', () => {
  const text =
    'time,rss\r\n2025-12-05T10:00:00Z,104857600\r\n2025-12-05T10:00:10Z,104867600\r\nµ€𝄞\r\n'
  const expected = [
    'time,rss',
    '2025-12-05T10:00:00Z,104857600',
    '2025-12-05T10:00:10Z,104867600',
    'µ€𝄞'
  ]
  const utf16be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16()

  it.each([
    ['LE with its BOM', Buffer.from('\ufeff' + text, 'utf16le')],
    ['BE with its BOM', utf16be('\ufeff' + text)]
  ])('reads %s as UTF-8 would read, whichever path and chunk size', async (_name, bytes) => {
    const path = write('utf16.csv', bytes)
    // odd chunk sizes split code units and the surrogate pair of 𝄞
    for (const chunkSize of [3, 5, 1 << 20]) {
      expect(await collect(path, { chunkSize })).toEqual(expected)
      const declined: string[] = []
      const none = { lines: 0, walk: (_bytes: Uint8Array, start: number) => start }
      await readLines(path, { chunkSize }).scan!(none, (line) => {
        declined.push(line)
      })
      expect(declined).toEqual(expected)
    }
    expect(await readHead(path, 2)).toEqual(expected.slice(0, 2))
  })

  it('says to save as UTF-8 for UTF-16 without a BOM, not "binary data"', async () => {
    const path = write('nobom.csv', Buffer.from(text, 'utf16le'))
    await expect(collect(path, { displayName: 'nobom.csv' })).rejects.toThrow(
      'nobom.csv:1: found "UTF-16 text without a byte-order mark", expected UTF-8 text (or UTF-16 with its byte-order mark): save the file as UTF-8'
    )
  })
})

describe('gzip-compressed files (`memory.csv.gz`)', () => {
  const csv = 'time,rss\n' + Array.from({ length: 300 }, (_, i) => `${i},${1000 + i}`).join('\n')

  it('reads the decompressed lines, whichever way they are read (lines, bytes, head)', async () => {
    const path = write('memory.csv.gz', gzipSync(csv))
    const expected = csv.split('\n')
    expect(await collect(path, { chunkSize: 64 })).toEqual(expected)
    const scanned: string[] = []
    await readLines(path).scan!({ lines: 0, walk: (_bytes, start) => start }, (line) => {
      scanned.push(line)
    })
    expect(scanned).toEqual(expected)
    expect(await readHead(path, 3)).toEqual(['time,rss', '0,1000', '1,1001'])
    // the head of a long file ends at its last whole line
    expect((await readHead(path, 1000, { bytes: 100 })).at(-1)).toMatch(/^\d+,\d+$/)
  })

  it('stops a file that decompresses past the cap (a gzip bomb) with an error at the cap', async () => {
    const path = write('bomb.csv.gz', gzipSync('time,rss\n' + '1,2\n'.repeat(1 << 20)))
    await expect(
      collect(path, { displayName: 'bomb.csv.gz', maxGunzippedBytes: 1 << 20 })
    ).rejects.toThrow(
      'bomb.csv.gz: found "more than 1 MiB once decompressed (reading stopped there)", expected a gzip file of at most 1 MiB decompressed'
    )
  })

  it('stops a file that decompresses past 100× its own size (and 16 MiB) without reading on to the absolute cap', async () => {
    // ~40 KiB of gzip that would decompress to 40 MiB (long lines: few to split, cheap to read)
    const filler = `# ${'x'.repeat(100_000)}\n`.repeat(400)
    const path = write('blank.csv.gz', gzipSync('time,rss\n1,2\n' + filler))
    await expect(collect(path, { displayName: 'blank.csv.gz' })).rejects.toThrow(
      /^blank\.csv\.gz: found "more than 16 MiB once decompressed \(reading stopped there\)", expected a gzip file of at most 16 MiB decompressed \(100× its own size, at least 16 MiB/
    )
  })

  it('says a cut or corrupt gzip stream is one, not that the file is unreadable', async () => {
    const whole = gzipSync(csv)
    const cut = write('cut.csv.gz', whole.subarray(0, whole.length - 20))
    await expect(collect(cut, { displayName: 'cut.csv.gz' })).rejects.toThrow(
      'cut.csv.gz: found "a corrupt gzip stream (unexpected end of file)", expected a whole gzip file'
    )
    const junk = write('junk.csv.gz', Buffer.from('\x1f\x8bnot deflate at all', 'latin1'))
    await expect(collect(junk, { displayName: 'junk.csv.gz' })).rejects.toThrow(
      /^junk\.csv\.gz: found "a corrupt gzip stream \(.+\)", expected a whole gzip file/
    )
    // its head is its raw bytes, so the plan reads it and the loader says the above
    expect((await readHead(junk, 5)).join('')).toContain('not deflate')
  })

  it('reads a file named .gz that holds plain text as plain text', async () => {
    const path = write('plain.csv.gz', 'time,rss\n1,2\n')
    expect(await collect(path)).toEqual(['time,rss', '1,2'])
  })
})
