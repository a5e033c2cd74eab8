/**
 * Container stats saved by a shell loop without their header row (FORMATS
 * §1.5): `docker stats --no-stream --format "{{.CPUPerc}},{{.MemUsage}},…"`
 * with a time prepended (`echo "$(date -Iseconds),$STATS"`), and
 * `kubectl top pod --no-headers` after `date +%s` (`echo $(date +%s)
 * $(kubectl top pod --no-headers)`). No header names the columns, so they are
 * told by their cells, which docker and kubectl print in shapes nothing else
 * does: docker's `293.7MiB / 7.654GiB` (usage / limit, binary units) beside
 * a percentage, kubectl's `12m` (CPU in millicores) then `210Mi` (memory in
 * Kubernetes' powers of 1024). Every head row must read so, else the file is
 * not taken for either. Pure: the sniffer asks about a head, the loader about
 * each line; both by the same rules.
 */
import { isTimeCell, TIME_LINE_RE, TIME_PREFIX_RE } from './time-text.js'
import { pickDelimiter, splitCsvLine } from './csv-cells.js'

/** Rows of the head judged (a loop's first samples). */
const HEAD_ROWS = 20
/** Characters of a line read at most (a docker or kubectl row is under 200). */
const MAX_LINE = 4096

/** A cell of docker's `--format` output, by its shape. */
type DockerCell = 'time' | 'percent' | 'usage' | 'io' | 'count' | 'id' | 'name' | 'missing'

/** `12.30%`: docker's CPUPerc / MemPerc (two decimals; CPU may pass 100). */
const PERCENT_RE = /^\d{1,6}(?:\.\d{1,4})?%$/
/** `293.7MiB / 7.654GiB`, `796 KB / 64 MB`, `1e+03kB / 2MB`: a usage / limit or NET/BLOCK I/O cell. */
const PAIR_RE =
  /^\d{1,12}(?:\.\d{1,12})?(?:e[+-]?\d{1,3})? ?[KMGTP]?i?B ?\/ ?\d{1,12}(?:\.\d{1,12})?(?:e[+-]?\d{1,3})? ?[KMGTP]?i?B$/i
/** A container id as docker prints it: 12 hex digits, or all 64 with `--no-trunc`. */
const CONTAINER_ID_RE = /^(?:[0-9a-f]{12}|[0-9a-f]{64})$/
/** A container name (docker: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`), with a letter in it. */
const CONTAINER_NAME_RE = /^(?=[^A-Za-z]{0,254}[A-Za-z])[A-Za-z0-9][\w.-]{0,254}$/

/** The shape of one cell of a docker row. */
function dockerCell(cell: string): DockerCell | undefined {
  if (cell === '--' || cell === '-- / --') return 'missing'
  if (PERCENT_RE.test(cell)) return 'percent'
  // memory is binary (`MiB`, `GiB`); NET I/O and BLOCK I/O are decimal (`kB`, `MB`), FORMATS §1.2
  if (PAIR_RE.test(cell)) return /iB/.test(cell) ? 'usage' : 'io'
  if (/^\d{1,9}$/.test(cell)) return 'count'
  if (isTimeCell(cell)) return 'time'
  if (CONTAINER_ID_RE.test(cell)) return 'id'
  if (CONTAINER_NAME_RE.test(cell)) return 'name'
  return undefined
}

/** docker stats rows without a header: the delimiter and the names docker gives the columns. */
export interface DockerRows {
  delimiter: string
  /** Docker's names of the columns, in order (`time`, `Name`, `ID`, `CPUPerc`, `MemUsage`, `MemPerc`, `NetIO`, `BlockIO`, `PIDs`). */
  columns: string[]
}

/**
 * The columns of a head of `docker stats --format` rows saved without a
 * header (comma, tab or `;` between the cells), or undefined. Every head row
 * has as many cells, each column one shape throughout (`--` cells aside):
 * exactly one usage / limit in binary units (the memory, `MemUsage`), one or
 * two percentages, at most a time (first or last), two names or ids, NET and
 * BLOCK I/O and a PIDs count. A percentage just after the usage is `MemPerc`
 * (docker's own order), the other `CPUPerc`; with none just after it, the
 * first is `CPUPerc`. Names: a column of container ids is `ID`, of names `Name`
 * (`Container` for a second one).
 */
export function headerlessDockerRows(head: readonly string[]): DockerRows | undefined {
  const sample = headRows(head)
  if (sample.length === 0) return undefined
  const delimiter = pickDelimiter(sample[0])
  if (!sample[0].includes(delimiter)) return undefined
  const split = sample.map((row) => splitCsvLine(row, delimiter))
  const width = split[0].length
  // a line of another width (a daemon's error, a cut row) is the loader's to report at its line
  const cells = split.filter((row) => row.length === width)
  if (width < 2 || !fewOthers(sample.length - cells.length, sample.length)) return undefined
  const shapes: DockerCell[] = []
  for (let column = 0; column < width; column++) {
    const seen = new Set(cells.map((row) => dockerCell(row[column])))
    seen.delete('missing')
    if (seen.has(undefined) || seen.size === 0) return undefined
    // a name that happens to be hex digits (`deadbeef1234`) among names is a name
    if (seen.size === 2 && seen.has('id') && seen.has('name')) seen.delete('id')
    if (seen.size !== 1) return undefined
    shapes.push([...seen][0]!)
  }
  const columns = dockerColumns(shapes)
  return columns && { delimiter, columns }
}

/** The head's first rows: non-blank lines, trimmed; none when a line is too long to be a row. */
function headRows(head: readonly string[]): string[] {
  const rows = head
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, HEAD_ROWS)
  return rows.some((row) => row.length > MAX_LINE) ? [] : rows
}

/** True when lines that are no row are under a quarter of the head's: the loader reports each. */
function fewOthers(others: number, lines: number): boolean {
  return others * 4 < lines
}

/** Docker's names for columns of these shapes, or undefined when they are not docker's. */
function dockerColumns(shapes: readonly DockerCell[]): string[] | undefined {
  const count = (shape: DockerCell) => shapes.filter((one) => one === shape).length
  const times = shapes.flatMap((shape, at) => (shape === 'time' ? [at] : []))
  if (
    count('usage') !== 1 ||
    count('percent') < 1 ||
    count('percent') > 2 ||
    count('io') > 2 ||
    count('count') > 1 ||
    count('id') + count('name') > 2 ||
    times.length > 1 ||
    (times.length === 1 && times[0] !== 0 && times[0] !== shapes.length - 1)
  )
    return undefined
  const usageAt = shapes.indexOf('usage')
  const memPercAt = shapes[usageAt + 1] === 'percent' ? usageAt + 1 : shapes.lastIndexOf('percent')
  const memPerc = count('percent') === 1 && memPercAt !== usageAt + 1 ? -1 : memPercAt
  const ids = shapes.flatMap((shape, at) => (shape === 'id' || shape === 'name' ? [at] : []))
  const idAt = ids.find((at) => shapes[at] === 'id')
  let ios = 0
  return shapes.map((shape, at) => {
    switch (shape) {
      case 'time':
        return 'time'
      case 'usage':
        return 'MemUsage'
      case 'percent':
        return at === memPerc ? 'MemPerc' : 'CPUPerc'
      case 'io':
        return ios++ === 0 ? 'NetIO' : 'BlockIO'
      case 'count':
        return 'PIDs'
      default:
        if (ids.length === 1) return shape === 'id' ? 'ID' : 'Name'
        if (at === idAt) return 'ID'
        return idAt === undefined && at === ids[1] ? 'Container' : 'Name'
    }
  })
}

/** One pod (or container) of a `kubectl top` row: its name(s), CPU and memory cells as printed. */
export interface KubectlRecord {
  /** `pod`, `namespace/pod` (`-A`) or `pod/container` (`--containers`). */
  name: string
  cpu: string
  memory: string
}

/** `kubectl top` CPU: millicores (`12m`), as `kubectl top pod` and `node` print it. */
const KUBECTL_CPU_RE = /^\d{1,9}m$/
/** `kubectl top` memory: a Kubernetes quantity in powers of 1024 (`210Mi`). */
const KUBECTL_MEMORY_RE = /^\d{1,12}(?:Ki|Mi|Gi|Ti)$/
/** `kubectl top node`'s percentages after CPU and memory. */
const KUBECTL_PERCENT_RE = /^\d{1,6}%$/
/** A pod, container, namespace or node name (DNS labels and subdomains). */
const KUBE_NAME_RE = /^[a-z0-9][a-z0-9.-]{0,252}$/i

/**
 * The pods of one `kubectl top pod --no-headers` line after its time (or with
 * none): `NAME CPU MEMORY` (`alameda-influxdb-0 12m 210Mi`), with a namespace
 * or a container name before (`-A`, `--containers`) and `kubectl top node`'s
 * percentages after CPU and memory; several pods on one line when `echo
 * $(kubectl top pod --no-headers)` joined them. Undefined when the line is
 * not that (`12m` is CPU, never a size).
 */
export function kubectlTopRecords(text: string): KubectlRecord[] | undefined {
  if (text.length > MAX_LINE) return undefined
  const tokens = text.trim().split(/\s+/)
  const records: KubectlRecord[] = []
  let at = 0
  while (at < tokens.length) {
    const names: string[] = []
    while (at < tokens.length && names.length < 2 && !KUBECTL_CPU_RE.test(tokens[at])) {
      if (!KUBE_NAME_RE.test(tokens[at])) return undefined
      names.push(tokens[at++])
    }
    if (names.length === 0 || !KUBECTL_CPU_RE.test(tokens[at] ?? '')) return undefined
    const cpu = tokens[at++]
    if (KUBECTL_PERCENT_RE.test(tokens[at] ?? '')) at++
    if (!KUBECTL_MEMORY_RE.test(tokens[at] ?? '')) return undefined
    const memory = tokens[at++]
    if (KUBECTL_PERCENT_RE.test(tokens[at] ?? '')) at++
    records.push({ name: names.join('/'), cpu, memory })
  }
  return records.length > 0 ? records : undefined
}

/** One line of a `kubectl top --no-headers` loop: a time on its own, or rows after a time or none. */
export type KubectlLine =
  | { kind: 'time'; time: string }
  | { kind: 'rows'; time: string | undefined; records: KubectlRecord[] }

/** What a line of a `kubectl top --no-headers` loop is (see {@link kubectlTopRecords}), or undefined. */
export function kubectlTopLine(line: string): KubectlLine | undefined {
  const text = line.trim()
  if (text.length > MAX_LINE) return undefined
  const timeLine = text.length <= 200 ? TIME_LINE_RE.exec(text) : null
  if (timeLine) return { kind: 'time', time: timeLine[1] }
  const prefixed = TIME_PREFIX_RE.exec(text)
  if (prefixed) {
    const records = kubectlTopRecords(prefixed[2])
    if (records !== undefined) return { kind: 'rows', time: prefixed[1], records }
  }
  const records = kubectlTopRecords(text)
  return records && { kind: 'rows', time: undefined, records }
}

/**
 * Whether a head is `kubectl top --no-headers` rows and times: its first line
 * one of them, a row among them, other lines under a quarter (the loader
 * reports each). `timed` when a row carries or follows a time. Undefined when not.
 */
export function headerlessKubectlTop(head: readonly string[]): { timed: boolean } | undefined {
  const read = headRows(head).map(kubectlTopLine)
  const others = read.filter((one) => one === undefined).length
  if (
    read[0] === undefined ||
    !fewOthers(others, read.length) ||
    !read.some((one) => one?.kind === 'rows')
  )
    return undefined
  return { timed: read.some((one) => one?.kind === 'time' || one?.time !== undefined) }
}

/** The columns kubectl rows are read under (the header `kubectl top pod` prints, its time first). */
export const KUBECTL_COLUMNS = ['time', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']

/** Container stats rows without their header, as the loader and the plan read them. */
export type ContainerRows =
  { kind: 'docker'; rows: DockerRows } | { kind: 'kubectl'; timed: boolean }

/** The headerless container stats rows a head holds (docker's first), or undefined. */
export function headerlessContainerRows(head: readonly string[]): ContainerRows | undefined {
  const docker = headerlessDockerRows(head)
  if (docker !== undefined) return { kind: 'docker', rows: docker }
  const kubectl = headerlessKubectlTop(head)
  return kubectl && { kind: 'kubectl', timed: kubectl.timed }
}

/** What such rows are, for the list of inputs (the loader's note says how their columns were told). */
export function containerRowsName(rows: ContainerRows): string {
  return rows.kind === 'kubectl'
    ? '`kubectl top --no-headers` rows'
    : 'docker stats rows (`docker stats --format` cells)'
}

/** What the report says of such rows: how their columns were told. */
export function containerRowsNote(rows: ContainerRows): string {
  if (rows.kind === 'kubectl')
    return `no header row: each pod's NAME, CPU(cores) (millicores, \`12m\`: not read) and MEMORY(bytes) (\`210Mi\`: powers of 1024) told by their cells, one series per pod; ${rows.timed ? 'time from the time before the rows' : 'no time on the rows (sample order)'}`
  const { columns } = rows.rows
  const percents =
    columns.includes('MemPerc') && columns.includes('CPUPerc')
      ? ' (a percentage just after MemUsage is MemPerc, as docker orders them)'
      : ''
  return `no header row: columns read as docker's ${columns.join(', ')}, told by their cells${percents}; MemUsage is the memory, its limit kept`
}
