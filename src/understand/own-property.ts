/**
 * Setting a key read from a file on an object: `__proto__` is a key like any other (a column, a
 * field), made an own property, never the object's prototype (an assignment would set the
 * prototype, or drop a number without a word).
 */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true
    })
  else object[key] = value
}
