#!/usr/bin/env node
// A quick, independent look at a scenario's series: is it flat after warm-up or does it grow?
// Not leak-gate's analysis (that lives in src/): a cross-check with the plainest statistics.
//
// For each series, after the warm-up (first 20 % of the time):
//   mean Q1 / mean Q4   mean of the first and of the last quarter of the steady part
//   floor start / end   mean of the minima of the first and of the last two of ten windows
//
//   node examples/evidence.mjs examples/map-leak/artifacts [more dirs...]
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const UNITS = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, kB: 1e3, MB: 1e6, GB: 1e9 }

/** Parses docker's `293.7MiB` (the usage part of `293.7MiB / 7.654GiB`). */
const parseDockerSize = (cell) => {
  const match = /^\s*([\d.]+)\s*([A-Za-z]+)/.exec(cell)
  return match ? Number(match[1]) * (UNITS[match[2]] ?? NaN) : NaN
}

/** Reads a small CSV (no quoted commas in our files) into { header, rows }. */
export const readCsv = (file) => {
  const [head, ...lines] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/)
  const header = head.split(',')
  return { header, rows: lines.map((line) => line.split(',')) }
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length

/** Steady-part figures of one series of [timeMs, value] pairs. */
export const describe = (points, warmupFraction = 0.2) => {
  const t0 = points[0][0]
  const t1 = points[points.length - 1][0]
  const steady = points.filter(([t]) => t >= t0 + warmupFraction * (t1 - t0)).map(([, v]) => v)
  const quarter = Math.max(1, Math.floor(steady.length / 4))
  const windows = 10
  const size = Math.max(1, Math.floor(steady.length / windows))
  const minima = []
  for (let i = 0; i + size <= steady.length && minima.length < windows; i += size) {
    minima.push(Math.min(...steady.slice(i, i + size)))
  }
  return {
    samples: points.length,
    meanQ1: mean(steady.slice(0, quarter)),
    meanQ4: mean(steady.slice(-quarter)),
    floorStart: mean(minima.slice(0, 2)),
    floorEnd: mean(minima.slice(-2))
  }
}

/** The series worth looking at in an artifact folder, as { name, unit, points }. */
export const collectSeries = (dir) => {
  const out = []
  const at = (file) => path.join(dir, file)
  if (fs.existsSync(at('memory.csv'))) {
    const { header, rows } = readCsv(at('memory.csv'))
    for (const column of ['heapUsed', 'rss']) {
      const i = header.indexOf(column)
      if (i >= 0) {
        out.push({ name: `memory.csv:${column}`, unit: 'MiB', points: rows.map((r) => [Date.parse(r[0]), Number(r[i])]) })
      }
    }
  }
  if (fs.existsSync(at('docker_stats.csv'))) {
    const { header, rows } = readCsv(at('docker_stats.csv'))
    const time = header.findIndex((h) => /^(timestamp|time)$/i.test(h))
    const mem = header.findIndex((h) => /^(mem_usage|MemUsage)$/i.test(h))
    out.push({
      name: 'docker_stats.csv:mem_usage',
      unit: 'MiB',
      points: rows.map((r) => [Date.parse(r[time]), parseDockerSize(r[mem])])
    })
  }
  if (fs.existsSync(at('broker_stats.csv'))) {
    const { header, rows } = readCsv(at('broker_stats.csv'))
    for (const column of ['live', 'DELEGATES']) {
      const i = header.indexOf(column)
      out.push({ name: `broker_stats.csv:${column}`, unit: 'count', points: rows.map((r) => [Date.parse(r[0]), Number(r[i])]) })
    }
  }
  return out
}

const fmt = (value, unit) => (unit === 'MiB' ? (value / 1024 ** 2).toFixed(1) : value.toFixed(1))

/** Snapshot deltas (baseline → post-test) for heapUsed and rss, in MiB. */
export const snapshotDelta = (dir) => {
  const read = (name) => {
    const file = path.join(dir, name)
    return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined
  }
  const baseline = read('baseline.json')
  const post = read('post-test.json')
  if (!baseline || !post) return undefined
  const pct = (key) => `${fmt(baseline[key], 'MiB')}→${fmt(post[key], 'MiB')} (${(((post[key] - baseline[key]) / baseline[key]) * 100).toFixed(0)}%)`
  return `heapUsed ${pct('heapUsed')}, rss ${pct('rss')}`
}

/** Markdown table rows for the given artifact folders. */
export const evidenceTable = (dirs) => {
  const lines = [
    '| scenario | series | samples | mean Q1 → Q4 | floor start → end | snapshots (MiB) |',
    '| --- | --- | ---: | --- | --- | --- |'
  ]
  for (const dir of dirs) {
    const scenario = path.basename(path.dirname(path.resolve(dir)))
    const delta = snapshotDelta(dir) ?? ''
    for (const series of collectSeries(dir)) {
      const d = describe(series.points)
      const unit = series.unit === 'MiB' ? ' MiB' : ''
      lines.push(
        `| ${scenario} | ${series.name} | ${d.samples} | ${fmt(d.meanQ1, series.unit)} → ${fmt(d.meanQ4, series.unit)}${unit} | ` +
          `${fmt(d.floorStart, series.unit)} → ${fmt(d.floorEnd, series.unit)}${unit} | ${delta} |`
      )
    }
  }
  return lines.join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dirs = process.argv.slice(2)
  if (dirs.length === 0) {
    console.error('usage: node examples/evidence.mjs DIR [DIR...]')
    process.exit(2)
  }
  console.log(evidenceTable(dirs))
}
