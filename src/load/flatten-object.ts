import { setOwn } from '../understand/own-property.js'

/**
 * Flattens nested objects into `a.b.c` keys. Arrays of objects that carry a
 * string `name` (k6's new summary: `results.metrics[{name:"iterations",...}]`)
 * are keyed by that name, other arrays by index.
 */
export function flattenObject(
  value: Record<string, unknown>,
  prefix = '',
  out: Record<string, unknown> = {}
): Record<string, unknown> {
  for (const key in value) {
    const child = value[key]
    const path = prefix === '' ? key : `${prefix}.${key}`
    if (child !== null && typeof child === 'object') {
      if (Array.isArray(child)) {
        child.forEach((item, index) => {
          const name =
            item !== null &&
            typeof item === 'object' &&
            typeof (item as { name?: unknown }).name === 'string'
              ? (item as { name: string }).name
              : String(index)
          if (item !== null && typeof item === 'object')
            flattenObject(item as Record<string, unknown>, `${path}.${name}`, out)
          else setOwn(out, `${path}.${name}`, item)
        })
      } else {
        flattenObject(child as Record<string, unknown>, path, out)
      }
    } else {
      setOwn(out, path, child)
    }
  }
  return out
}
