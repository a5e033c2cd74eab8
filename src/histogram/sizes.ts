/**
 * The size spellings of the tools whose histograms are read here. Each tool
 * has its own: pympler prints `291.27 KB` meaning KiB (`stringutils.pp`,
 * base 1024), tracemalloc `576 KiB`, pprof `1.50MB` / `512.19kB` (also
 * powers of 1024). One table so a size is never read with another tool's
 * factor.
 */

/** Bytes per unit, by tool spelling. */
const FACTORS: Record<string, number> = {
  B: 1,
  KB: 1024,
  kB: 1024,
  KiB: 1024,
  MB: 1024 ** 2,
  MiB: 1024 ** 2,
  GB: 1024 ** 3,
  GiB: 1024 ** 3,
  TB: 1024 ** 4,
  TiB: 1024 ** 4,
  PB: 1024 ** 5,
  EB: 1024 ** 6
}

/** `"291.27"`, `"KB"` → bytes (rounded), or undefined for a unit this table does not know. */
export function toBytes(amount: string, unit: string): number | undefined {
  const factor = FACTORS[unit]
  const value = Number(amount)
  if (factor === undefined || !Number.isFinite(value)) return undefined
  return Math.round(value * factor)
}

/** pprof's value cell: `1.50MB`, `512.19kB`, `0`, `-1MB`, or a plain count `32768`. */
export function parsePprofValue(
  cell: string
): { value: number; unit: 'bytes' | 'count' } | undefined {
  const match = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)([a-zA-Z]*)$/.exec(cell)
  if (!match) return undefined
  if (match[2] === '') return { value: Number(match[1]), unit: 'count' }
  const bytes = toBytes(match[1], match[2])
  return bytes === undefined ? undefined : { value: bytes, unit: 'bytes' }
}
