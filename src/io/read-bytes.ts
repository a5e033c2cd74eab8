/**
 * Streams a file's bytes for the heap-snapshot reader, gunzipping
 * `.gz` files (or any file that starts with gzip's magic bytes) on the fly,
 * so a 500 MiB snapshot is never held as one buffer or one string. Large
 * chunks (4 MiB) keep the per-chunk cost of the byte scanner negligible.
 */
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'

/** Bytes read at once. */
const CHUNK_BYTES = 4 << 20

/** True when the file starts with gzip's magic number (1f 8b). */
export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(2)
    const { bytesRead } = await handle.read(head, 0, 2, 0)
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b
  } finally {
    await handle.close()
  }
}

/**
 * The file's bytes as chunks, gunzipped when `gzip` is true. Stopping the
 * iteration early (the ids-only pass) closes the file.
 */
export function readBytes(path: string, gzip: boolean): AsyncIterable<Uint8Array> {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES })
  if (!gzip) return file
  const gunzip = createGunzip({ chunkSize: 1 << 20 })
  file.on('error', (error) => gunzip.destroy(error))
  gunzip.on('close', () => file.destroy())
  return file.pipe(gunzip)
}
