/**
 * The action's pure pieces: input validation, artifact globs, finding history,
 * the gate, shard sections, the comment modes, summary capping.
 */
import { ActionInputError } from '../../src/errors.js'
import { failsJob, failureMessage } from '../../src/gate.js'
import { readInputs } from '../../src/inputs.js'
import type { Finding, Report } from '../../src/model.js'
import { matchesArtifact } from '../../src/fetch/glob.js'
import { selectArtifacts } from '../../src/fetch/artifacts.js'
import { combineSections, errorReport } from '../../src/publish/combine.js'
import { commentMarker, wantsComment } from '../../src/publish/comment.js'
import { computeHistory, decodeHiddenData, encodeHiddenData } from '../../src/publish/history.js'
import { hiddenDataComment } from '../../src/report/escape.js'
import { finishCommentBody } from '../../src/publish/index.js'
import { capBytes } from '../../src/publish/summary.js'
import { isReport } from '../../src/publish/validate.js'

const reader = (values: Record<string, string>) => (name: string) => values[name]

function finding(id: string, level: Finding['level'] = 'fail'): Finding {
  const [signature, source, metric] = id.split(':')
  return {
    id,
    signature: signature as Finding['signature'],
    source,
    metric,
    level,
    message: `${metric} grows`,
    evidence: {}
  }
}

function report(verdict: Report['verdict'], findings: Finding[] = []): Report {
  return { ...errorReport('root', []), verdict, findings }
}

describe('readInputs', () => {
  it('applies the defaults of action.yml when the runner sets nothing', () => {
    expect(readInputs(reader({ artifact: 'load-test' }))).toEqual({
      artifact: 'load-test',
      path: '',
      runId: undefined,
      config: '',
      githubToken: '',
      comment: 'auto',
      failOn: 'fail',
      compareBase: false,
      reportName: 'leak-gate-report',
      prNumber: undefined,
      commentKey: 'default',
      mode: 'full',
      checkName: 'leak-gate'
    })
  })

  it('maps every input to camelCase', () => {
    const inputs = readInputs(
      reader({
        path: 'out',
        'run-id': '42',
        comment: 'On-Fail',
        'fail-on': 'warn',
        'compare-base': 'true',
        'report-name': '',
        'pr-number': '#7',
        'comment-key': 'api-shard.1'
      })
    )
    expect(inputs).toMatchObject({
      path: 'out',
      runId: 42,
      comment: 'on-fail',
      failOn: 'warn',
      compareBase: true,
      reportName: '',
      prNumber: 7,
      commentKey: 'api-shard.1'
    })
  })

  it.each([
    [
      { artifact: 'a', comment: 'sometimes' },
      'input "comment": found "sometimes", expected one of auto, always, on-fail, never'
    ],
    [
      { artifact: 'a', 'fail-on': 'leak' },
      'input "fail-on": found "leak", expected one of fail, warn, error, never'
    ],
    [
      { artifact: 'a', mode: 'both' },
      'input "mode": found "both", expected one of full, analyze, report'
    ],
    [
      { artifact: 'a', 'compare-base': 'maybe' },
      'input "compare-base": found "maybe", expected true or false'
    ],
    [
      { artifact: 'a', 'run-id': '12abc' },
      'input "run-id": found "12abc", expected a positive whole number'
    ],
    [
      { artifact: 'a', 'comment-key': 'a--b' },
      'input "comment-key": found "a--b", expected letters, digits, ".", "_" and single "-" (at most 100)'
    ],
    [
      {},
      'input "artifact": found "", expected an artifact name or glob, or the input "path" with a local folder'
    ],
    [
      { artifact: 'a', mode: 'analyze', 'report-name': '' },
      'input "report-name": found "", expected a name: mode "analyze" passes the report through that artifact'
    ]
  ])('rejects %j', (values, message) => {
    expect(() => readInputs(reader(values))).toThrow(ActionInputError)
    expect(() => readInputs(reader(values))).toThrow(message)
  })

  it('needs no artifact in report mode', () => {
    expect(readInputs(reader({ mode: 'report' })).mode).toBe('report')
  })
})

describe('artifact globs', () => {
  it.each([
    ['load-test-*', 'load-test-api', true],
    ['load-test-*', 'load-test', false],
    ['shard-?', 'shard-1', true],
    ['shard-?', 'shard-10', false],
    ['svc-[ab]', 'svc-b', true],
    ['svc-[!ab]', 'svc-b', false],
    ['a.b', 'axb', false],
    ['load-test', 'load-test', true],
    ['{api,web}-load', 'web-load', true]
  ])('%s matches %s: %s', (pattern, name, expected) => {
    expect(matchesArtifact(pattern, name)).toBe(expected)
  })

  it('is anchored at both ends', () => {
    expect(matchesArtifact('x*', 'ax')).toBe(false)
    expect(matchesArtifact('*x', 'xa')).toBe(false)
  })

  it('keeps the newest unexpired copy of each name', () => {
    const picked = selectArtifacts('lt-*', [
      { name: 'lt-a', id: 1, expired: false },
      { name: 'lt-a', id: 3, expired: true },
      { name: 'lt-b', id: 2, expired: false },
      { name: 'lt-b', id: 4, expired: false },
      { name: 'other', id: 5, expired: false }
    ])
    expect(picked.map((entry) => entry.id)).toEqual([1, 4])
  })
})

describe('finding history', () => {
  const a = finding('sustained-growth:memory.csv:rss')
  const b = finding('rising-floor:memory.csv:heapUsed')
  const c = finding('oom-risk:docker_stats.csv[web]:MemUsage')

  it('round-trips through the hidden comment, which never contains "--" inside', () => {
    const hidden = hiddenDataComment(encodeHiddenData([a, b]))
    expect(hidden.slice(4, -3)).not.toContain('--')
    expect(decodeHiddenData(`<!-- leak-gate:default -->\nbody\n${hidden}`)).toEqual([
      { id: a.id, signature: a.signature, metric: a.metric, source: a.source },
      { id: b.id, signature: b.signature, metric: b.metric, source: b.source }
    ])
  })

  it('says what is new and what was fixed', () => {
    expect(computeHistory([b, c], [a, b])).toEqual({
      newIds: [c.id],
      fixed: [{ id: a.id, signature: a.signature, metric: a.metric, source: a.source }]
    })
  })

  it('has no history without a previous comment, or with unreadable data', () => {
    expect(computeHistory([a], undefined)).toBeUndefined()
    expect(decodeHiddenData('no data here')).toBeUndefined()
    expect(decodeHiddenData('<!-- leak-gate-data:bm90IGpzb24= -->')).toBeUndefined()
  })
})

describe('gate', () => {
  it.each([
    ['fail', 'pass', false],
    ['fail', 'warn', false],
    ['fail', 'fail', true],
    ['fail', 'error', true],
    ['warn', 'warn', true],
    ['warn', 'pass', false],
    ['error', 'fail', false],
    ['error', 'error', true],
    ['never', 'error', false]
  ] as const)('fail-on %s, verdict %s: fails %s', (failOn, verdict, expected) => {
    expect(failsJob(verdict, failOn)).toBe(expected)
  })

  it('fails with one line pointing to the comment', () => {
    const message = failureMessage(
      report('fail', [
        finding('sustained-growth:m.csv:rss'),
        finding('rising-floor:m.csv:rss', 'warn')
      ]),
      {
        commentUrl: 'https://github.com/o/r/pull/1#issuecomment-9',
        summaryWritten: true
      }
    )
    expect(message).toBe(
      'leak-gate: memory leak signature found (1 failing finding, 1 warning): sustained-growth on rss; see the PR comment: https://github.com/o/r/pull/1#issuecomment-9'
    )
  })

  it('points to the summary for an error, first error first, on one line', () => {
    const failed = errorReport('x', [
      { message: 'a.csv:3: column "rss": found "n/a"\nexpected a number' },
      { message: 'second' }
    ])
    expect(failureMessage(failed, { summaryWritten: true })).toBe(
      'leak-gate: error: a.csv:3: column "rss": found "n/a" expected a number (+1 more); see the job summary'
    )
  })
})

describe('comment modes', () => {
  it.each([
    ['auto', 'pass', 0, false, false],
    ['auto', 'pass', 0, true, true],
    ['auto', 'warn', 1, false, true],
    ['on-fail', 'warn', 1, false, false],
    ['on-fail', 'fail', 1, false, true],
    ['on-fail', 'pass', 0, true, true],
    ['always', 'pass', 0, false, true],
    ['never', 'fail', 1, true, false]
  ] as const)(
    '%s with %s, %d findings, existing %s → %s',
    (mode, verdict, count, existing, expected) => {
      const findings = Array.from({ length: count }, (_, index) =>
        finding(`sustained-growth:f${index}:rss`)
      )
      expect(wantsComment(mode, report(verdict, findings), existing)).toBe(expected)
    }
  )

  it('keeps the marker and hidden data even if a renderer dropped them', () => {
    const body = finishCommentBody('## report', 'api', '{"v":1,"f":[]}')
    expect(body.startsWith(commentMarker('api'))).toBe(true)
    expect(body).toContain(hiddenDataComment('{"v":1,"f":[]}'))
    const finished = `${commentMarker('api')} x ${hiddenDataComment('{"v":1,"f":[]}')}`
    expect(finishCommentBody(finished, 'api', '{"v":1,"f":[]}')).toBe(finished)
  })
})

describe('sections', () => {
  it('merges shards with the worst verdict and prefixed, unique ids', () => {
    const api = report('fail', [finding('sustained-growth:memory.csv:rss')])
    const worker = report('pass')
    const merged = combineSections(
      [
        { name: 'lt-api', report: api },
        { name: 'lt-worker', report: worker }
      ],
      'lt-*'
    )
    expect(merged.verdict).toBe('fail')
    expect(merged.findings.map((item) => [item.id, item.source])).toEqual([
      ['sustained-growth:lt-api/memory.csv:rss', 'lt-api/memory.csv']
    ])
    expect(merged.sections?.map((section) => section.name)).toEqual(['lt-api', 'lt-worker'])
    expect(merged.root).toBe('lt-*')
  })

  it('lists a note several shards share once, naming them, in the order first met', () => {
    const shared = 'heap: work at each snapshot from heap-snapshots.json'
    const shard = (notes: string[]): Report => ({ ...report('pass'), notes })
    const names = ['lt-1', 'lt-2', 'lt-3', 'lt-4', 'lt-5']
    const merged = combineSections(
      names.map((name, index) => ({
        name,
        report: shard(index === 1 ? ['lt-2 only', shared, shared] : [shared])
      })),
      'lt-*'
    )
    expect(merged.notes).toEqual([`lt-1, lt-2, lt-3 and 2 more: ${shared}`, 'lt-2: lt-2 only'])
    // each section keeps its own notes in the JSON report
    expect(merged.sections![1].report.notes).toEqual(['lt-2 only', shared, shared])
  })

  it('leaves a single artifact as it is', () => {
    const only = report('pass')
    expect(combineSections([{ name: 'x', report: only }], 'x')).toBe(only)
  })
})

describe('report from an artifact', () => {
  it('accepts a report and refuses other JSON', () => {
    expect(isReport(report('fail', [finding('sustained-growth:m.csv:rss')]))).toBe(true)
    expect(
      isReport({
        version: 1,
        verdict: 'pass',
        findings: [{ id: 1 }],
        errors: [],
        metrics: [],
        inputs: []
      })
    ).toBe(false)
    expect(isReport({ version: 2 })).toBe(false)
    expect(isReport(null)).toBe(false)
  })
})

describe('summary cap', () => {
  it('cuts below the byte limit on a character boundary, with a note', () => {
    const text = 'é'.repeat(1000)
    const cut = capBytes(text, 800)
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(800)
    expect(cut).toContain('1 MiB job summary limit')
    expect(cut).not.toContain('\uFFFD')
    expect(capBytes('short', 800)).toBe('short')
  })
})
