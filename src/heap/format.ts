/**
 * Number formatting of the heap engine's messages: counts with thousands
 * separators (`325,000`) and sizes in binary units (`64.5 MiB`).
 */

/** `325000` → `325,000`. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** Bytes in binary units with three significant digits: `67633152` → `64.5 MiB`. */
export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  if (unit === 0) return `${Math.round(value)} B`
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
  return `${value.toFixed(digits)} ${units[unit]}`
}
