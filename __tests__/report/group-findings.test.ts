/**
 * A folder of one-sample files gives an insufficient-data warning per series;
 * the renderers show them one line per file, and leave every other finding as it is.
 */
import type { Finding } from '../../src/model.js'
import { groupFindingsForDisplay } from '../../src/report/group-findings.js'

function unjudged(source: string, metric: string, samples = 0, totalSamples = 1): Finding {
  return {
    id: `insufficient-data:${source}:${metric}`,
    signature: 'insufficient-data',
    metric,
    source,
    level: 'warn',
    message: `${metric}: too few`,
    evidence: { samples, needed: 6, totalSamples }
  }
}

const leak: Finding = {
  id: 'sustained-growth:memory.csv:rss',
  signature: 'sustained-growth',
  metric: 'rss',
  source: 'memory.csv',
  level: 'fail',
  message: 'rss grows',
  evidence: {}
}

describe('groupFindingsForDisplay', () => {
  it('leaves a few insufficient-data warnings as they are', () => {
    const findings = [leak, unjudged('a.prom', 'x'), unjudged('a.prom', 'y')]
    expect(groupFindingsForDisplay(findings)).toEqual(findings)
  })

  it('shows many as one warning per file, in place, naming the series and their samples', () => {
    const many = [
      ...['a', 'b', 'c', 'd', 'e'].map((m) => unjudged('go.prom', m)),
      unjudged('docker.txt[web]', 'MemUsage[web]', 3, 4),
      unjudged('docker.txt[db]', 'MemUsage[db]', 5, 6),
      unjudged('other.csv', 'rss', 2, 3)
    ]
    const shown = groupFindingsForDisplay([leak, ...many])
    expect(shown.map((f) => [f.signature, f.source, f.metric])).toEqual([
      ['sustained-growth', 'memory.csv', 'rss'],
      ['insufficient-data', 'go.prom', '5 series'],
      ['insufficient-data', 'docker.txt', '2 series'],
      ['insufficient-data', 'other.csv', 'rss']
    ])
    expect(shown[1].message).toBe(
      '5 series with too few samples (1 sample each, all within the warm-up): a, b, c, d, and 1 more; at least 6 needed to judge a trend'
    )
    expect(shown[2].message).toBe(
      '2 series with too few samples (3 to 5 samples after warm-up): MemUsage[web], MemUsage[db]; at least 6 needed to judge a trend'
    )
    expect(shown[3]).toBe(many[7])
  })
})
