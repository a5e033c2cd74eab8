#!/usr/bin/env node
// Rebuilds the two snapshots of seed report 2 ("Memory Leak Analysis - Business Service with
// Enhanced Centralized Model Registry v5.2.4") from the figures it published.
//
//   node examples/seed-node-registry/reconstruct.mjs --out DIR
//
// The report prints sizes as "88.18 MB". We read them as the usual Node idiom
// `(bytes / 1024 / 1024).toFixed(2) + ' MB'`, i.e. MiB, and write bytes = value × 1,048,576.
// (Read as decimal megabytes instead, every figure shrinks by 4.6 % and every conclusion holds:
// 15.88 MB / 1,428 models is 10.9 KiB or 11.4 KiB per model, both far under 70 KiB.)
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { out: { type: 'string' } } })
if (!values.out) {
  console.error('usage: node reconstruct.mjs --out DIR')
  process.exit(2)
}
fs.mkdirSync(values.out, { recursive: true })

const mb = (value) => Math.round(value * 1024 * 1024)

// "Memory Usage Comparison" and "Registry Growth Patterns" tables of the report.
const baseline = {
  rss: mb(149.81),
  heapTotal: mb(93.3),
  heapUsed: mb(88.18),
  external: mb(20.98),
  registry: { tenantRegistries: 16, totalModels: 193, uniqueModels: 127, reuseCount: 121 }
}
const post = {
  rss: mb(92.19),
  heapTotal: mb(109.59),
  heapUsed: mb(104.06),
  external: mb(21.22),
  registry: { tenantRegistries: 118, totalModels: 1621, uniqueModels: 1555, reuseCount: 3538 }
}

fs.writeFileSync(path.join(values.out, 'baseline.json'), JSON.stringify(baseline, null, 2) + '\n')
fs.writeFileSync(path.join(values.out, 'post-test.json'), JSON.stringify(post, null, 2) + '\n')
const perModel = (post.heapUsed - baseline.heapUsed) / (post.registry.totalModels - baseline.registry.totalModels)
console.log(`seed-node-registry: heapUsed +${(perModel / 1024).toFixed(1)} KiB per model (budget 70 KiB)`)
