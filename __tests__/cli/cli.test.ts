/**
 * The command line as a user runs it: the committed bundle (dist/cli.js) on the
 * bundled examples, every output format, exit statuses, --out and --base.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { VERSION } from '../../src/version.js'

const CLI = resolve('dist/cli.js')
const LEAK = 'examples/map-leak/artifacts'
const HEALTHY = 'examples/lru-cache/artifacts'

function cli(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 })
}

let out: string
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'leak-gate-cli-'))
})
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('leak-gate CLI (dist/cli.js)', () => {
  it('exits 1 on a leak and names the signature and metric in the text report', () => {
    const result = cli(LEAK)
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/FAIL/)
    expect(result.stdout).toMatch(/rising-floor on heapUsed/)
    expect(result.stdout).not.toContain('\u001b[') // no colour when not a TTY
  })

  it('exits 0 on a healthy service and says why it is healthy', () => {
    const result = cli(HEALTHY)
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(/PASS/)
    expect(result.stdout).toMatch(/No leak found/)
    expect(result.stdout).toMatch(/lru|floor|flat|cache/i) // the reason, not just silence
  })

  it('prints the SPEC JSON report with --format json', () => {
    const result = cli('--format', 'json', LEAK)
    const report = JSON.parse(result.stdout)
    expect(report.version).toBe(1)
    expect(report.verdict).toBe('fail')
    expect(report.findings.length).toBeGreaterThan(0)
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(
        expect.arrayContaining(['signature', 'metric', 'level', 'message', 'evidence'])
      )
    }
    expect(report.inputs.map((input: { file: string }) => input.file)).toContain('memory.csv')
    expect(report.errors).toEqual([])
  })

  it('writes markdown and html with --out', () => {
    const md = join(out, 'report.md')
    const html = join(out, 'report.html')
    expect(cli('--format', 'markdown', '--out', md, LEAK).status).toBe(1)
    expect(cli('--format', 'html', '--out', html, LEAK).status).toBe(1)
    expect(readFileSync(md, 'utf8')).toMatch(/^<!-- leak-gate:default -->/)
    expect(readFileSync(md, 'utf8')).toContain('xychart-beta')
    const page = readFileSync(html, 'utf8')
    expect(page).toMatch(/^<!doctype html>/i)
    expect(page).toContain('<svg')
    expect(page).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/i) // self-contained
  })

  it('compares with a base run given by --base', () => {
    const result = cli('--format', 'json', '--base', HEALTHY, LEAK)
    const report = JSON.parse(result.stdout)
    expect(report.base).toBeDefined()
    expect(result.status).toBe(1)
  })

  it('rejects bad arguments with exit 2 and the usage line', () => {
    const result = cli('--format', 'pdf', LEAK)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(
      /--format: found "pdf", expected one of text, markdown, json, html/
    )
    expect(result.stderr).toMatch(/^Usage: leak-gate/m)
    expect(cli().status).toBe(2)
    expect(cli('examples/does-not-exist').status).toBe(2)
  })

  it('says which --out path cannot be written, with exit 2 and no internal error', () => {
    const result = cli('--out', join(out, 'no-such-folder', 'report.html'), HEALTHY)
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(
      /--out .*report\.html: cannot write the report \(its folder does not exist\)/
    )
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /)
  })

  it('keeps the verdict as its exit status when the reader of its output stops early', async () => {
    // `leak-gate --format json DIR | head -c 100`, on a folder whose JSON report is hundreds of kilobytes long
    const dir = '__fixtures__/load/samples'
    const whole = cli('--format', 'json', dir)
    expect(whole.stdout.length).toBeGreaterThan(300_000)
    const child = spawn(process.execPath, [CLI, '--format', 'json', dir], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdout.once('data', () => child.stdout.destroy())
    const status = await new Promise<number | null>((done) => child.on('close', done))
    expect(stderr).toBe('')
    expect(status).toBe(whole.status)
  })

  it('exits 2, not 1, when the report cannot be written (a full disk)', () => {
    const full = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" ${LEAK} > /dev/full`], {
      encoding: 'utf8',
      timeout: 30_000
    })
    expect(full.status).toBe(2)
    expect(full.stderr).toMatch(/leak-gate: cannot write the report: ENOSPC/)
    expect(full.stderr).not.toMatch(/\n\s+at /)
  })

  it('prints its version and help', () => {
    expect(cli('--version').stdout.trim()).toBe(VERSION)
    expect(cli('--help').stdout).toMatch(/Exit status: 0 pass or warn, 1 fail/)
  })
})

describe('version', () => {
  it('matches package.json', () => {
    expect(VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version)
  })
})
