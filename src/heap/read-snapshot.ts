/**
 * Streaming reader of V8 heap snapshots. A snapshot is one JSON object whose
 * bulk is a few flat arrays of integers (`nodes`, `edges`, `locations`) and
 * one array of strings; `JSON.parse` of the whole text fails above V8's
 * 512 MiB string limit and needs many times the file in memory. Here the
 * bytes are scanned once, chunk by chunk: the small `snapshot` header is
 * parsed with `JSON.parse`, the integer arrays go straight into typed arrays
 * sized from the header's counts, strings are decoded one by one, and the
 * sections leak-gate does not use (`trace_tree`, `samples`, ...) are skipped.
 * Two entry points: {@link readHeapSnapshot} reads everything (the final
 * snapshot), {@link readSnapshotIds} stops after the nodes and keeps only the
 * largest id and a small sample (baseline and target: fast, bounded memory).
 * Pure: the caller hands in the bytes (a file stream, gunzipped or not).
 */
import { InputError, quoteFound } from '../errors.js'
import type { HeapGraph, SnapshotIds, SnapshotMeta } from './types.js'

/** Largest `snapshot` header accepted, in bytes (V8's is about 1 KiB). */
const MAX_HEADER_BYTES = 1 << 20
/** Largest single string or key accepted, in bytes. */
const MAX_STRING_BYTES = 64 << 20
/** Nodes kept in the ids-only pass's sample. */
const SAMPLE_SIZE = 4096

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const ZERO = 0x30
const NINE = 0x39

/** What a snapshot file must look like, quoted in errors. */
const EXPECTED_SNAPSHOT = 'a V8 heap snapshot (JSON with "snapshot", "nodes", "edges", "strings")'

/**
 * A problem at a byte offset of the (decompressed) snapshot, rendered
 * `file: byte N: found "X", expected Y` (a snapshot has few, huge lines).
 */
export class SnapshotError extends InputError {
  override name = 'SnapshotError'
  constructor(
    file: string,
    readonly offset: number,
    found: string,
    expected: string
  ) {
    super(file, undefined, undefined, found, expected)
    this.message = `${file}: byte ${offset}: found "${quoteFound(found)}", expected ${expected}`
  }
}

function badSnapshot(file: string, offset: number, found: string, expected: string): InputError {
  return new SnapshotError(file, offset, found, expected)
}

/** Printable excerpt of the bytes at `at`, for an error message. */
function excerpt(bytes: Uint8Array, at: number): string {
  const slice = bytes.subarray(at, Math.min(bytes.length, at + 20))
  return new TextDecoder().decode(slice) || 'end of file'
}

type Section =
  | { kind: 'top' }
  | { kind: 'header' }
  | { kind: 'numbers'; key: string }
  | { kind: 'strings' }
  | { kind: 'skip' }
  | { kind: 'done' }

/** Options of the scanner: which sections to keep. */
interface ScanOptions {
  file: string
  /** Stop after the `nodes` array (ids-only pass). */
  idsOnly: boolean
}

/**
 * The byte-level state machine shared by both passes. `feed` consumes a
 * chunk; bytes of an unfinished key, header or string are carried over to
 * the next chunk, an unfinished number is carried as its value.
 */
class SnapshotScanner {
  readonly file: string
  readonly idsOnly: boolean
  /** Bytes consumed before the current chunk. */
  offset = 0
  section: Section = { kind: 'top' }
  /** Top level: expecting a key, a colon, or a value. */
  topState: 'open' | 'key' | 'colon' | 'value' = 'open'
  pendingKey = ''
  carry: Uint8Array | null = null
  headerParts: Uint8Array[] = []
  headerBytes = 0
  depth = 0
  inString = false
  escaped = false
  // numbers
  arrayOpen = false
  value = 0
  inNumber = false
  needNumber = false
  target: Uint32Array | null = null
  targetLength = 0
  count = 0
  // strings
  stringsOpen = false
  readonly strings: string[] = []
  readonly decoder = new TextDecoder()
  // header-derived
  meta: SnapshotMeta | null = null
  nodeCount = 0
  edgeCount = 0
  rootIndex = 0
  nodeFieldCount = 0
  nodeIdOffset = -1
  nodeTypeOffset = -1
  nodeSelfSizeOffset = -1
  nodes: Uint32Array | null = null
  edges: Uint32Array | null = null
  locations = new Uint32Array(1024)
  locationsCount = 0
  seen = new Set<string>()
  // ids-only pass
  maxId = 0
  embedderType: boolean[] = []
  field = 0
  record: number[] = []
  recordIndex = 0
  sampleEvery = 1
  sampleIds: number[] = []
  sampleTypes: number[] = []
  sampleSizes: number[] = []

  constructor(options: ScanOptions) {
    this.file = options.file
    this.idsOnly = options.idsOnly
  }

  get done(): boolean {
    return this.section.kind === 'done'
  }

  /** Consumes one chunk. */
  feed(chunk: Uint8Array): void {
    let bytes = chunk
    let base = this.offset
    if (this.carry) {
      const joined = new Uint8Array(this.carry.length + chunk.length)
      joined.set(this.carry)
      joined.set(chunk, this.carry.length)
      base -= this.carry.length
      bytes = joined
      this.carry = null
    }
    let at = 0
    while (at < bytes.length && !this.done) {
      const next = this.step(bytes, at, base)
      if (next < 0) {
        // unfinished token: keep its bytes for the next chunk
        const from = -next - 1
        this.carry = bytes.slice(from)
        if (this.carry.length > MAX_STRING_BYTES)
          throw badSnapshot(this.file, base + from, excerpt(bytes, from), 'a string under 64 MiB')
        break
      }
      at = next
    }
    this.offset += chunk.length
  }

  /** Runs the current section from `at`; returns where it stopped, or -(start+1) to carry. */
  step(bytes: Uint8Array, at: number, base: number): number {
    switch (this.section.kind) {
      case 'top':
        return this.top(bytes, at, base)
      case 'header':
        return this.header(bytes, at, base)
      case 'numbers':
        return this.numbers(bytes, at, base)
      case 'strings':
        return this.stringArray(bytes, at, base)
      case 'skip':
        return this.skip(bytes, at, base)
      case 'done':
        return bytes.length
    }
  }

  /** The top-level object: `{ "key": value, ... }`. */
  top(bytes: Uint8Array, at: number, base: number): number {
    while (at < bytes.length) {
      const c = bytes[at]
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        at++
        continue
      }
      if (this.topState === 'open') {
        if (c !== OPEN_BRACE)
          throw badSnapshot(this.file, base + at, excerpt(bytes, at), EXPECTED_SNAPSHOT)
        this.topState = 'key'
        at++
      } else if (this.topState === 'key') {
        if (c === COMMA) {
          at++
          continue
        }
        if (c === CLOSE_BRACE) {
          this.section = { kind: 'done' }
          return at + 1
        }
        if (c !== QUOTE)
          throw badSnapshot(this.file, base + at, excerpt(bytes, at), 'a key in quotes')
        const end = bytes.indexOf(QUOTE, at + 1)
        if (end < 0) return -(at + 1)
        this.pendingKey = this.decoder.decode(bytes.subarray(at + 1, end))
        this.topState = 'colon'
        at = end + 1
      } else if (this.topState === 'colon') {
        if (c !== COLON)
          throw badSnapshot(
            this.file,
            base + at,
            excerpt(bytes, at),
            `":" after "${this.pendingKey}"`
          )
        this.topState = 'value'
        at++
      } else {
        this.topState = 'key'
        return this.startValue(this.pendingKey, bytes, at, base)
      }
    }
    return at
  }

  /** Chooses how to read the value of a top-level key. */
  startValue(key: string, bytes: Uint8Array, at: number, base: number): number {
    this.seen.add(key)
    if (key === 'snapshot') {
      if (bytes[at] !== OPEN_BRACE)
        throw badSnapshot(this.file, base + at, excerpt(bytes, at), 'the "snapshot" header object')
      this.section = { kind: 'header' }
      this.depth = 0
      this.inString = false
      this.escaped = false
      return at
    }
    if (key === 'nodes' || key === 'edges' || key === 'locations') {
      if (!this.meta)
        throw badSnapshot(this.file, base + at, key, 'the "snapshot" header before the arrays')
      if (key === 'edges' && this.idsOnly) {
        this.section = { kind: 'done' }
        return at
      }
      this.section = { kind: 'numbers', key }
      this.arrayOpen = false
      this.inNumber = false
      this.needNumber = false
      this.value = 0
      this.count = 0
      this.field = 0
      if (key === 'nodes') {
        this.targetLength = this.nodeCount * this.nodeFieldCount
        this.target = this.idsOnly ? null : (this.nodes = new Uint32Array(this.targetLength))
      } else if (key === 'edges') {
        this.targetLength = this.edgeCount * (this.meta.edge_fields.length || 3)
        this.target = this.edges = new Uint32Array(this.targetLength)
      } else {
        this.target = null
        this.targetLength = Infinity
      }
      return at
    }
    if (key === 'strings' && !this.idsOnly) {
      this.section = { kind: 'strings' }
      this.stringsOpen = false
      return at
    }
    this.section = { kind: 'skip' }
    this.depth = 0
    this.inString = false
    this.escaped = false
    return at
  }

  /** The `snapshot` header: collected until its braces balance, then `JSON.parse`d. */
  header(bytes: Uint8Array, at: number, base: number): number {
    const start = at
    let end = -1
    for (let i = at; i < bytes.length; i++) {
      const c = bytes[i]
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (c === BACKSLASH) this.escaped = true
        else if (c === QUOTE) this.inString = false
      } else if (c === QUOTE) this.inString = true
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--
        if (this.depth === 0) {
          end = i + 1
          break
        }
      }
    }
    const stop = end < 0 ? bytes.length : end
    this.headerParts.push(bytes.slice(start, stop))
    this.headerBytes += stop - start
    if (this.headerBytes > MAX_HEADER_BYTES)
      throw badSnapshot(this.file, base + start, 'a header over 1 MiB', EXPECTED_SNAPSHOT)
    if (end < 0) return bytes.length
    const whole = new Uint8Array(this.headerBytes)
    let position = 0
    for (const part of this.headerParts) {
      whole.set(part, position)
      position += part.length
    }
    this.headerParts = []
    this.readHeader(this.decoder.decode(whole), base + start)
    this.section = { kind: 'top' }
    return end
  }

  /** Validates the header and sizes the arrays from it. */
  readHeader(text: string, offset: number): void {
    let header: unknown
    try {
      header = JSON.parse(text)
    } catch {
      throw badSnapshot(this.file, offset, text, 'a JSON "snapshot" header')
    }
    const h = header as {
      meta?: SnapshotMeta
      node_count?: unknown
      edge_count?: unknown
      root_index?: unknown
    }
    const meta = h.meta
    const fields = meta?.node_fields
    const edgeFields = meta?.edge_fields
    if (
      !meta ||
      !Array.isArray(fields) ||
      !Array.isArray(edgeFields) ||
      !Array.isArray(meta.node_types) ||
      !Array.isArray(meta.edge_types) ||
      !Array.isArray(meta.node_types[0]) ||
      !Array.isArray(meta.edge_types[0])
    )
      throw badSnapshot(
        this.file,
        offset,
        text,
        'a header with meta.node_fields, node_types, edge_fields, edge_types'
      )
    for (const name of ['type', 'name', 'id', 'self_size', 'edge_count'])
      if (!fields.includes(name))
        throw badSnapshot(this.file, offset, fields.join(','), `node_fields with "${name}"`)
    for (const name of ['type', 'name_or_index', 'to_node'])
      if (!edgeFields.includes(name))
        throw badSnapshot(this.file, offset, edgeFields.join(','), `edge_fields with "${name}"`)
    const count = (value: unknown, name: string): number => {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
        throw badSnapshot(this.file, offset, String(value), `a count in "${name}"`)
      return value
    }
    this.meta = meta
    this.nodeCount = count(h.node_count, 'node_count')
    this.edgeCount = count(h.edge_count, 'edge_count')
    this.rootIndex = h.root_index === undefined ? 0 : count(h.root_index, 'root_index')
    this.nodeFieldCount = fields.length
    this.nodeIdOffset = fields.indexOf('id')
    this.nodeTypeOffset = fields.indexOf('type')
    this.nodeSelfSizeOffset = fields.indexOf('self_size')
    this.record = new Array<number>(this.nodeFieldCount).fill(0)
    this.embedderType = isEmbedderType(meta.node_types[0] as unknown[])
    this.sampleEvery = Math.max(1, Math.ceil(this.nodeCount / SAMPLE_SIZE))
  }

  /** An array of non-negative integers into `target` (or only watched, ids-only). */
  numbers(bytes: Uint8Array, at: number, base: number): number {
    const key = (this.section as { key: string }).key
    let i = at
    if (!this.arrayOpen) {
      while (i < bytes.length && bytes[i] <= 0x20) i++
      if (i === bytes.length) return i
      if (bytes[i] !== OPEN_BRACKET)
        throw badSnapshot(this.file, base + i, excerpt(bytes, i), `an array of numbers in "${key}"`)
      this.arrayOpen = true
      i++
    }
    if (this.target !== null) {
      const stop = fillNumbers(this, this.target, bytes, i)
      if (stop < 0) return bytes.length
      if (bytes[stop] === CLOSE_BRACKET && !this.needNumber) {
        this.finishNumbers(key, base + stop)
        return stop + 1
      }
      i = stop // an unexpected byte: the general loop below reports it
    }
    const watchIds = this.target === null && key === 'nodes'
    const target = this.target
    const limit = this.targetLength
    let value = this.value
    let inNumber = this.inNumber
    let needNumber = this.needNumber
    let count = this.count
    const length = bytes.length
    for (; i < length; i++) {
      const c = bytes[i]
      if (c >= ZERO && c <= NINE) {
        value = value * 10 + (c - ZERO)
        inNumber = true
        continue
      }
      if (inNumber) {
        if (count >= limit)
          throw badSnapshot(
            this.file,
            base + i,
            `more than ${limit / (key === 'nodes' ? this.nodeFieldCount : 3)} records`,
            `as many as the header's ${key === 'nodes' ? 'node_count' : 'edge_count'}`
          )
        if (target !== null) target[count] = value
        else if (watchIds) this.watch(value, count)
        else this.pushLocation(value)
        count++
        value = 0
        inNumber = false
        needNumber = false
      }
      if (c === COMMA) {
        if (needNumber || count === 0)
          throw badSnapshot(this.file, base + i, ',', `a number in "${key}"`)
        needNumber = true
      } else if (c === CLOSE_BRACKET) {
        if (needNumber) throw badSnapshot(this.file, base + i, ']', `a number in "${key}"`)
        this.count = count
        this.finishNumbers(key, base + i)
        return i + 1
      } else if (c > 0x20) {
        throw badSnapshot(
          this.file,
          base + i,
          excerpt(bytes, i),
          `a non-negative integer in "${key}"`
        )
      }
    }
    this.value = value
    this.inNumber = inNumber
    this.needNumber = needNumber
    this.count = count
    return i
  }

  /** Ids-only pass: tracks the largest id and samples whole node records. */
  watch(value: number, index: number): void {
    const field = index % this.nodeFieldCount
    this.record[field] = value
    if (field === this.nodeFieldCount - 1) {
      const id = this.record[this.nodeIdOffset]
      if (id > this.maxId && !this.embedderType[this.record[this.nodeTypeOffset]]) this.maxId = id
      if (this.recordIndex % this.sampleEvery === 0 && this.sampleIds.length < SAMPLE_SIZE) {
        this.sampleIds.push(this.record[this.nodeIdOffset])
        this.sampleTypes.push(this.record[this.nodeTypeOffset])
        this.sampleSizes.push(this.record[this.nodeSelfSizeOffset])
      }
      this.recordIndex++
    }
  }

  pushLocation(value: number): void {
    if (this.locationsCount === this.locations.length) {
      const grown = new Uint32Array(this.locations.length * 2)
      grown.set(this.locations)
      this.locations = grown
    }
    this.locations[this.locationsCount++] = value
  }

  finishNumbers(key: string, offset: number): void {
    if (key !== 'locations' && this.count !== this.targetLength) {
      const per = key === 'nodes' ? this.nodeFieldCount : (this.meta?.edge_fields.length ?? 3)
      throw badSnapshot(
        this.file,
        offset,
        `${this.count / per} records`,
        `${this.targetLength / per} (the header's ${key === 'nodes' ? 'node_count' : 'edge_count'})`
      )
    }
    this.section = key === 'nodes' && this.idsOnly ? { kind: 'done' } : { kind: 'top' }
  }

  /** The `strings` array: each string decoded on its own (escapes through `JSON.parse`). */
  stringArray(bytes: Uint8Array, at: number, base: number): number {
    let i = at
    if (!this.stringsOpen) {
      while (i < bytes.length && bytes[i] <= 0x20) i++
      if (i === bytes.length) return i
      if (bytes[i] !== OPEN_BRACKET)
        throw badSnapshot(
          this.file,
          base + i,
          excerpt(bytes, i),
          'an array of strings in "strings"'
        )
      this.stringsOpen = true
      i++
    }
    const length = bytes.length
    while (i < length) {
      const c = bytes[i]
      if (c === QUOTE) {
        let j = i + 1
        let escapes = false
        for (; j < length; j++) {
          const d = bytes[j]
          if (d === QUOTE) break
          if (d === BACKSLASH) {
            escapes = true
            j++
          }
        }
        if (j >= length) return -(i + 1)
        if (escapes) {
          const raw = this.decoder.decode(bytes.subarray(i, j + 1))
          try {
            this.strings.push(JSON.parse(raw) as string)
          } catch {
            throw badSnapshot(this.file, base + i, raw, 'a JSON string in "strings"')
          }
        } else this.strings.push(this.decoder.decode(bytes.subarray(i + 1, j)))
        i = j + 1
      } else if (c === CLOSE_BRACKET) {
        this.section = { kind: 'top' }
        return i + 1
      } else if (c === COMMA || c <= 0x20) i++
      else throw badSnapshot(this.file, base + i, excerpt(bytes, i), 'a string in "strings"')
    }
    return i
  }

  /** A value leak-gate does not use, skipped by bracket depth (strings respected). */
  skip(bytes: Uint8Array, at: number, _base: number): number {
    let i = at
    for (; i < bytes.length; i++) {
      const c = bytes[i]
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (c === BACKSLASH) this.escaped = true
        else if (c === QUOTE) {
          this.inString = false
          if (this.depth === 0) {
            this.section = { kind: 'top' }
            return i + 1
          }
        }
      } else if (c === QUOTE) this.inString = true
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        this.depth--
        if (this.depth === 0) {
          this.section = { kind: 'top' }
          return i + 1
        }
        if (this.depth < 0) {
          this.section = { kind: 'top' }
          return i
        }
      } else if (this.depth === 0 && (c === COMMA || c === CLOSE_BRACE)) {
        // a scalar value ends here
        this.section = { kind: 'top' }
        return i
      }
    }
    return i
  }
}

/**
 * The hot loop of the full read: digits into `target` until the array's
 * `]` or a byte that is neither a digit, a comma nor whitespace. Returns
 * where it stopped, or -1 at the end of the chunk (state saved in `state`).
 * No calls and one typed array, so V8 keeps it tight (most of a snapshot's
 * bytes pass here).
 */
function fillNumbers(
  state: {
    value: number
    inNumber: boolean
    needNumber: boolean
    count: number
    targetLength: number
    file: string
  },
  target: Uint32Array,
  bytes: Uint8Array,
  from: number
): number {
  let value = state.value
  let inNumber = state.inNumber
  let needNumber = state.needNumber
  let count = state.count
  const limit = state.targetLength
  const length = bytes.length
  let i = from
  for (; i < length; i++) {
    const digit = bytes[i] - ZERO
    if (digit >= 0 && digit <= 9) {
      value = value * 10 + digit
      inNumber = true
      continue
    }
    if (inNumber) {
      if (count === limit) break
      target[count++] = value
      value = 0
      inNumber = false
      needNumber = false
    }
    const c = bytes[i]
    if (c === COMMA) {
      if (needNumber || count === 0) break
      needNumber = true
    } else if (c > 0x20) break
  }
  state.value = value
  state.inNumber = inNumber
  state.needNumber = needNumber
  state.count = count
  return i === length ? -1 : i
}

/**
 * Node types whose ids are not V8's allocation counter: the embedder's
 * (`native`, e.g. Node's C++ objects) and `synthetic` roots get ids made
 * from addresses, so they are left out of the largest id.
 */
export function isEmbedderType(nodeTypes: unknown[]): boolean[] {
  return nodeTypes.map((name) => name === 'native' || name === 'synthetic')
}

/** Feeds every chunk to the scanner, stopping early when it is done. */
async function scan(chunks: AsyncIterable<Uint8Array>, scanner: SnapshotScanner): Promise<void> {
  for await (const chunk of chunks) {
    scanner.feed(chunk)
    if (scanner.done) break
  }
  if (scanner.carry) {
    throw badSnapshot(
      scanner.file,
      scanner.offset - scanner.carry.length,
      excerpt(scanner.carry, 0),
      'the rest of the snapshot (the file ends inside a string)'
    )
  }
}

/** Checks what the whole-file pass must have seen. */
function requireSections(scanner: SnapshotScanner, names: string[]): void {
  for (const name of names) {
    if (!scanner.seen.has(name))
      throw badSnapshot(
        scanner.file,
        scanner.offset,
        scanner.offset === 0 ? 'an empty file' : `no "${name}"`,
        EXPECTED_SNAPSHOT
      )
  }
}

/**
 * Reads a whole snapshot into typed arrays. Memory: about 4 bytes per node
 * field and edge field plus the strings, i.e. close to the file's size.
 * @throws InputError with the byte offset of the first thing that is not a snapshot.
 */
export async function readHeapSnapshot(
  chunks: AsyncIterable<Uint8Array>,
  file: string
): Promise<HeapGraph> {
  const scanner = new SnapshotScanner({ file, idsOnly: false })
  await scan(chunks, scanner)
  requireSections(scanner, ['snapshot', 'nodes', 'edges', 'strings'])
  if (!scanner.done)
    throw badSnapshot(file, scanner.offset, 'end of file', 'the closing "}" of the snapshot')
  const meta = scanner.meta as SnapshotMeta
  const fields = meta.node_fields
  const edgeFields = meta.edge_fields
  const locationFields = meta.location_fields ?? ['object_index', 'script_id', 'line', 'column']
  const graph: HeapGraph = {
    file,
    nodeFieldCount: fields.length,
    nodeTypeOffset: fields.indexOf('type'),
    nodeNameOffset: fields.indexOf('name'),
    nodeIdOffset: fields.indexOf('id'),
    nodeSelfSizeOffset: fields.indexOf('self_size'),
    nodeEdgeCountOffset: fields.indexOf('edge_count'),
    nodeTypes: (meta.node_types[0] as unknown[]).map(String),
    edgeFieldCount: edgeFields.length,
    edgeTypeOffset: edgeFields.indexOf('type'),
    edgeNameOffset: edgeFields.indexOf('name_or_index'),
    edgeToNodeOffset: edgeFields.indexOf('to_node'),
    edgeTypes: (meta.edge_types[0] as unknown[]).map(String),
    nodes: scanner.nodes as Uint32Array,
    edges: scanner.edges as Uint32Array,
    nodeCount: scanner.nodeCount,
    edgeCount: scanner.edgeCount,
    rootOrdinal: Math.floor(scanner.rootIndex / fields.length),
    strings: scanner.strings,
    locations: scanner.locations.subarray(0, scanner.locationsCount),
    locationFieldCount: locationFields.length,
    bytes: scanner.offset
  }
  validateGraph(graph)
  return graph
}

/** Every reference inside the arrays points where it may: a string, a node record. */
function validateGraph(graph: HeapGraph): void {
  const { nodes, edges, strings, nodeFieldCount, edgeFieldCount } = graph
  if (graph.nodeCount === 0 || graph.rootOrdinal >= graph.nodeCount)
    throw new InputError(
      graph.file,
      undefined,
      undefined,
      `${graph.nodeCount} nodes`,
      'a snapshot with its root node'
    )
  let edgeTotal = 0
  for (let i = graph.nodeEdgeCountOffset; i < nodes.length; i += nodeFieldCount)
    edgeTotal += nodes[i]
  if (edgeTotal !== graph.edgeCount)
    throw new InputError(
      graph.file,
      undefined,
      'nodes',
      `edge counts summing to ${edgeTotal}`,
      `${graph.edgeCount} (the header's edge_count)`
    )
  for (let i = graph.nodeNameOffset; i < nodes.length; i += nodeFieldCount)
    if (nodes[i] >= strings.length)
      throw new InputError(
        graph.file,
        undefined,
        'nodes',
        `name index ${nodes[i]}`,
        `an index below ${strings.length} (the strings)`
      )
  const nodeFieldsTotal = nodes.length
  const elementType = graph.edgeTypes.indexOf('element')
  const hiddenType = graph.edgeTypes.indexOf('hidden')
  for (let e = 0; e < edges.length; e += edgeFieldCount) {
    const to = edges[e + graph.edgeToNodeOffset]
    if (to % nodeFieldCount !== 0 || to >= nodeFieldsTotal)
      throw new InputError(
        graph.file,
        undefined,
        'edges',
        `to_node ${to}`,
        `a node field index (a multiple of ${nodeFieldCount} below ${nodeFieldsTotal})`
      )
    const type = edges[e + graph.edgeTypeOffset]
    if (type >= graph.edgeTypes.length)
      throw new InputError(
        graph.file,
        undefined,
        'edges',
        `edge type ${type}`,
        `a type below ${graph.edgeTypes.length}`
      )
    if (
      type !== elementType &&
      type !== hiddenType &&
      edges[e + graph.edgeNameOffset] >= strings.length
    )
      throw new InputError(
        graph.file,
        undefined,
        'edges',
        `name index ${edges[e + graph.edgeNameOffset]}`,
        `an index below ${strings.length} (the strings)`
      )
  }
}

/**
 * The ids-only pass: reads the header and the `nodes` array and stops (the
 * edges and strings are never read). Memory stays bounded whatever the size.
 * @throws InputError when the file is not a snapshot.
 */
export async function readSnapshotIds(
  chunks: AsyncIterable<Uint8Array>,
  file: string
): Promise<SnapshotIds> {
  const scanner = new SnapshotScanner({ file, idsOnly: true })
  await scan(chunks, scanner)
  requireSections(scanner, ['snapshot', 'nodes'])
  const meta = scanner.meta as SnapshotMeta
  return {
    file,
    nodeCount: scanner.nodeCount,
    maxId: scanner.maxId,
    sample: {
      ids: Uint32Array.from(scanner.sampleIds),
      types: Uint8Array.from(scanner.sampleTypes),
      sizes: Uint32Array.from(scanner.sampleSizes)
    },
    nodeTypes: (meta.node_types[0] as unknown[]).map(String),
    bytes: scanner.offset
  }
}
