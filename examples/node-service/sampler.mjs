#!/usr/bin/env node
// Sampler: what a team's load-test job records while the service runs.
//
//  - memory.csv         from the service's own /stats (process.memoryUsage() + cumulative requests)
//  - docker_stats.csv   what `docker stats` would print for the service's container, computed from
//                       outside from /proc/<pid>/status (VmRSS) and /proc/<pid>/stat, with a limit
//  - baseline.json / post-test.json   snapshots taken after a forced GC (see takeSnapshot)
//
//   node sampler.mjs --pid 1234 --url http://127.0.0.1:8080 --out DIR --interval 500 --duration 60 \
//        [--limit 1GiB] [--name web-1]
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

/** GET a JSON document from the service. */
export const getJson = (url) =>
  new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => {
        try {
          resolve(JSON.parse(text))
        } catch (error) {
          reject(new Error(`${url}: not JSON (${error.message}): ${text.slice(0, 80)}`))
        }
      })
    })
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout on ${url}`)))
    req.on('error', reject)
  })

// ---------------------------------------------------------------- docker's number formatting

/** Go's `%.<precision>g` for a positive float (strconv 'g': exponent when exp < -4 or exp >= precision). */
export const formatGoG = (value, precision) => {
  const text = value.toPrecision(precision)
  if (!text.includes('e')) return String(Number(text)) // %g drops trailing zeros
  const [mantissa, exponent] = text.split('e')
  const sign = exponent.startsWith('-') ? '-' : '+'
  const digits = exponent.replace(/^[+-]/, '').padStart(2, '0')
  return `${String(Number(mantissa))}e${sign}${digits}`
}

const sizeAndUnit = (size, base, units) => {
  let i = 0
  while (size >= base && i < units.length - 1) {
    size /= base
    i++
  }
  return [size, units[i]]
}

/** go-units BytesSize: binary, `%.4g` (docker's MEM USAGE / LIMIT), e.g. `53.21MiB`. */
export const bytesSize = (bytes) => {
  const [size, unit] = sizeAndUnit(bytes, 1024, ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'])
  return formatGoG(size, 4) + unit
}

/** go-units HumanSizeWithPrecision(size, 3): decimal (docker's NET I/O, BLOCK I/O), e.g. `67.4kB`. */
export const humanSize = (bytes) => {
  const [size, unit] = sizeAndUnit(bytes, 1000, ['B', 'kB', 'MB', 'GB', 'TB', 'PB'])
  return formatGoG(size, 3) + unit
}

/** Parses a size like `1GiB`, `512MiB`, `1.921GiB` or plain bytes. */
export const parseSize = (text) => {
  const match = /^\s*([\d.]+)\s*(B|KiB|MiB|GiB|TiB|kB|MB|GB)?\s*$/.exec(String(text))
  if (!match) throw new Error(`expected a size like 1GiB, found "${text}"`)
  const factor = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, kB: 1e3, MB: 1e6, GB: 1e9 }
  return Math.round(Number(match[1]) * factor[match[2] ?? 'B'])
}

// ---------------------------------------------------------------- /proc, read from outside

/** VmRSS (bytes) and thread count of a process, from /proc/<pid>/status. */
export const readProcStatus = (pid) => {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(text)?.[1] ?? NaN)
  const threads = Number(/^Threads:\s+(\d+)/m.exec(text)?.[1] ?? NaN)
  return { rss: rssKb * 1024, threads }
}

/** utime + stime of a process in clock ticks (USER_HZ, 100 on Linux). */
const readCpuTicks = (pid) => {
  const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
  return Number(fields[11]) + Number(fields[12]) // fields 14 and 15 of stat(5)
}

/** Block I/O bytes (read, written) when /proc/<pid>/io is readable, else zeros. */
const readBlockIo = (pid) => {
  try {
    const text = fs.readFileSync(`/proc/${pid}/io`, 'utf8')
    return {
      read: Number(/^read_bytes:\s+(\d+)/m.exec(text)?.[1] ?? 0),
      written: Number(/^write_bytes:\s+(\d+)/m.exec(text)?.[1] ?? 0)
    }
  } catch {
    return { read: 0, written: 0 }
  }
}

// ---------------------------------------------------------------- snapshots

/**
 * Forces a GC through the service's /gc (node started with --expose-gc) and writes
 * process.memoryUsage() + requests + registry counts as one JSON object, numbers only.
 * Two collections a second apart, then a second's wait: V8 frees pages to the OS
 * asynchronously, so RSS read right after one gc() still holds the garbage's pages.
 */
export async function takeSnapshot(baseUrl, file, settleMs = 1000) {
  const gc = await getJson(`${baseUrl}/gc`)
  if (!gc.gc) throw new Error(`${baseUrl}/gc: the service was not started with --expose-gc`)
  await new Promise((resolve) => setTimeout(resolve, settleMs))
  await getJson(`${baseUrl}/gc`)
  await new Promise((resolve) => setTimeout(resolve, settleMs))
  const stats = await getJson(`${baseUrl}/stats`)
  const snapshot = {
    rss: stats.rss,
    heapTotal: stats.heapTotal,
    heapUsed: stats.heapUsed,
    external: stats.external,
    arrayBuffers: stats.arrayBuffers,
    requests: stats.requests,
    registry: {
      tenantRegistries: stats.registry.tenantRegistries,
      totalModels: stats.registry.totalModels,
      uniqueModels: stats.registry.uniqueModels,
      reuseCount: stats.registry.reuseCount
    }
  }
  fs.writeFileSync(file, JSON.stringify(snapshot, null, 2) + '\n')
  return snapshot
}

// ---------------------------------------------------------------- the sampling loop

export const MEMORY_HEADER = 'timestamp,requests,rss,heapTotal,heapUsed,external,arrayBuffers'
export const DOCKER_HEADER = 'timestamp,name,cpu_perc,mem_usage,mem_perc,net_io,block_io,pids'

/** What `docker stats --all` prints for a container that is not running: zeros and `0B / 0B`. */
const stoppedRow = (iso, name) => [iso, name, '0.00%', '0B / 0B', '0.00%', '0B / 0B', '0B / 0B', 0].join(',')

/** True while /proc/<pid> is a live process (not gone, not a zombie awaiting its parent). */
const alive = (pid) => {
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
  } catch {
    return false
  }
}

/**
 * Starts sampling every `intervalMs` into `outDir/memory.csv` and `outDir/docker_stats.csv`.
 * Returns `{ stop(): Promise<{ rows, stoppedRows }>, detach(), retarget({ pid, baseUrl }) }`.
 * Rows are appended as they come, like a shell loop would.
 *
 * The container emulation follows `docker stats --all`: while no process runs (`detach()` until
 * `retarget()`, or after it died) each tick writes the stopped-container row (`0B / 0B`) and
 * memory.csv gets nothing. With `pidColumn`, memory.csv ends with the pid /stats reports (a
 * restarted service shows a new one). With `oomKill`, the sampler is the container's memory
 * limit: a watcher reads VmRSS every `watchMs` and SIGKILLs the process once it reaches
 * `limitBytes`, like the kernel's OOM killer for a cgroup at its limit; `onKill({ rss, at })`
 * is called once.
 */
export function startSampler({
  pid,
  baseUrl,
  outDir,
  intervalMs = 500,
  limitBytes = 1024 ** 3,
  name = 'web-1',
  pidColumn = false,
  oomKill = false,
  watchMs = 20,
  onKill
}) {
  fs.mkdirSync(outDir, { recursive: true })
  const memoryFile = path.join(outDir, 'memory.csv')
  const dockerFile = path.join(outDir, 'docker_stats.csv')
  fs.writeFileSync(memoryFile, MEMORY_HEADER + (pidColumn ? ',pid' : '') + '\n')
  fs.writeFileSync(dockerFile, DOCKER_HEADER + '\n')
  let rows = 0
  let stoppedRows = 0
  let stopped = false
  let timer
  let target = { pid, baseUrl }
  let previous = { ticks: readCpuTicks(pid), at: process.hrtime.bigint() }
  const started = Date.now()

  const writeStopped = (iso) => {
    fs.appendFileSync(dockerFile, stoppedRow(iso, name) + '\n')
    stoppedRows++
  }

  const tick = async () => {
    const at = new Date()
    const iso = at.toISOString()
    const current = target
    if (current === null || !alive(current.pid)) return writeStopped(iso)
    let stats
    try {
      stats = await getJson(`${current.baseUrl}/stats`)
    } catch (error) {
      if (stopped) return
      // Killed or restarted while we asked: the container is not running.
      if (target !== current || !alive(current.pid)) return writeStopped(iso)
      throw error
    }
    let proc
    let ticks
    try {
      proc = readProcStatus(current.pid)
      ticks = readCpuTicks(current.pid)
    } catch {
      return writeStopped(iso)
    }
    const { rss, threads } = proc
    if (!Number.isFinite(rss)) return writeStopped(iso) // a zombie has no VmRSS
    const now = process.hrtime.bigint()
    const seconds = Number(now - previous.at) / 1e9
    const cpuPercent = seconds > 0 ? Math.max(0, ((ticks - previous.ticks) / 100 / seconds) * 100) : 0
    previous = { ticks, at: now }
    const io = readBlockIo(current.pid)
    const memoryRow = [iso, stats.requests, stats.rss, stats.heapTotal, stats.heapUsed, stats.external, stats.arrayBuffers]
    if (pidColumn) memoryRow.push(stats.pid)
    fs.appendFileSync(memoryFile, memoryRow.join(',') + '\n')
    fs.appendFileSync(
      dockerFile,
      [
        iso,
        name,
        cpuPercent.toFixed(2) + '%',
        `${bytesSize(rss)} / ${bytesSize(limitBytes)}`,
        ((rss / limitBytes) * 100).toFixed(2) + '%',
        `${humanSize(stats.net.rx)} / ${humanSize(stats.net.tx)}`,
        `${humanSize(io.read)} / ${humanSize(io.written)}`,
        threads
      ].join(',') + '\n'
    )
    rows++
  }

  // The emulated cgroup limit: resident memory at the limit is killed, as the OOM killer does.
  let watcher
  let killed = false
  if (oomKill) {
    watcher = setInterval(() => {
      if (killed || target === null) return
      let rss
      try {
        rss = readProcStatus(target.pid).rss
      } catch {
        return
      }
      if (!(rss >= limitBytes)) return
      killed = true
      clearInterval(watcher)
      try {
        process.kill(target.pid, 'SIGKILL')
      } catch {
        return
      }
      onKill?.({ rss, at: new Date().toISOString(), pid: target.pid })
    }, watchMs)
  }

  // Ticks on a fixed schedule (no drift), never two at once.
  let running = Promise.resolve()
  let failure
  const schedule = (n) => {
    const due = started + n * intervalMs
    timer = setTimeout(() => {
      if (stopped) return
      running = Promise.resolve(tick()).catch((error) => (failure ??= error))
      running.then(() => {
        if (!stopped) schedule(Math.max(n + 1, Math.ceil((Date.now() - started) / intervalMs)))
      })
    }, Math.max(0, due - Date.now()))
  }
  schedule(0)

  return {
    /** The service is going down on purpose: write stopped rows until retarget(). */
    detach() {
      target = null
    },
    /** Samples a new process from now on (a restart: new pid, same container name). */
    retarget(next) {
      previous = { ticks: readCpuTicks(next.pid), at: process.hrtime.bigint() }
      target = { pid: next.pid, baseUrl: next.baseUrl }
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      clearInterval(watcher)
      await running
      if (failure) throw failure
      return { rows, stoppedRows }
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      pid: { type: 'string' },
      url: { type: 'string' },
      out: { type: 'string', default: '.' },
      interval: { type: 'string', default: '500' },
      duration: { type: 'string', default: '60' },
      limit: { type: 'string', default: '1GiB' },
      name: { type: 'string', default: 'web-1' }
    }
  })
  if (!values.pid || !values.url) {
    console.error('usage: node sampler.mjs --pid PID --url http://127.0.0.1:PORT --out DIR [--interval MS] [--duration S] [--limit 1GiB] [--name NAME]')
    process.exit(2)
  }
  const sampler = startSampler({
    pid: Number(values.pid),
    baseUrl: values.url,
    outDir: values.out,
    intervalMs: Number(values.interval),
    limitBytes: parseSize(values.limit),
    name: values.name
  })
  const finish = async () => {
    const { rows } = await sampler.stop()
    agent.destroy()
    console.log(`sampler: ${rows} rows in ${values.out}`)
  }
  const timer = setTimeout(finish, Number(values.duration) * 1000)
  process.on('SIGINT', () => {
    clearTimeout(timer)
    void finish()
  })
}
