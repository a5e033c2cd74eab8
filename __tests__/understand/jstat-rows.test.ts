/**
 * jstat's output told by its header row (the exact column sequence of each
 * option, `-t`'s `Timestamp` first or not) and its rows checked cell by cell:
 * as many cells as the header's columns, each a number or `-`.
 */
import { jstatHeader, jstatRow, jstatSum } from '../../src/understand/jstat-rows.js'
import { findJstatTable, processToolLog } from '../../src/understand/sniff.js'

const JDK17 =
  'Timestamp        S0C    S1C    S0U    S1U      EC       EU        OC         OU       MC     MU    CCSC   CCSU   YGC     YGCT    FGC    FGCT     CGC    CGCT     GCT   '
const ROW17 =
  '          5.3  0.0   2048.0  0.0   2048.0 26624.0  12288.0   232448.0   45231.5  30080.0 29443.2 3968.0 3706.9     12    0.085   0      0.000   4      0.010    0.095'

describe('jstatHeader', () => {
  it('-gc as JDK 17, 8 and 7 write it, with and without -t', () => {
    expect(jstatHeader(JDK17)).toEqual({
      option: 'gc',
      columns: JDK17.trim().split(/\s+/).slice(1),
      timestamped: true
    })
    const jdk8 =
      ' S0C    S1C    S0U    S1U      EC       EU        OC         OU       MC     MU    CCSC   CCSU   YGC     YGCT    FGC    FGCT     GCT   '
    expect(jstatHeader(jdk8)).toMatchObject({ option: 'gc', timestamped: false })
    expect(jstatHeader(jdk8)!.columns).not.toContain('CGC')
    const jdk7 =
      ' S0C    S1C    S0U    S1U      EC       EU        OC         OU       PC     PU    YGC     YGCT    FGC    FGCT     GCT'
    expect(jstatHeader(jdk7)).toMatchObject({ option: 'gc' })
    expect(jstatHeader(`\uFEFF${JDK17}`)).toMatchObject({ option: 'gc' })
  })

  it('the other options are named, never taken for -gc', () => {
    const of = (line: string) => jstatHeader(line)?.option
    expect(
      of('  S0     S1     E      O      M     CCS    YGC     YGCT    FGC    FGCT     GCT')
    ).toBe('gcutil')
    expect(
      of(
        'Timestamp  S0     S1     E      O      M     CCS    YGC     YGCT    FGC    FGCT     CGC    CGCT     GCT    LGCC                 GCC'
      )
    ).toBe('gccause')
    expect(
      of('   MC       MU      CCSC     CCSU       OC          OU       YGC    FGC    FGCT     GCT')
    ).toBe('gcold')
    expect(of(' S0C    S1C    S0U    S1U   TT MTT  DSS      EC       EU     YGC     YGCT')).toBe(
      'gcnew'
    )
    expect(
      of(
        ' NGCMN    NGCMX     NGC     S0C   S1C       EC      OGCMN      OGCMX       OGC         OC       MCMN     MCMX      MC     CCSMN    CCSMX     CCSC    YGC    FGC'
      )
    ).toBe('gccapacity')
  })

  it('a table of other columns with OU and EU in it is no jstat header', () => {
    expect(jstatHeader('time OU EU')).toBeUndefined()
    expect(jstatHeader('S0C S1C S0U S1U EC EU OC OU MC MU')).toBeUndefined() // cut before the counts
    expect(jstatHeader('S0C,S1C,S0U,S1U,EC,EU,OC,OU,MC,MU,YGC,YGCT,FGC,FGCT,GCT')).toBeUndefined()
    expect(jstatHeader('Timestamp')).toBeUndefined()
    expect(jstatHeader(`${JDK17} ${'x '.repeat(300)}`)).toBeUndefined()
  })
})

describe('jstatRow', () => {
  const header = jstatHeader(JDK17)!

  it('every cell by its column; a decimal comma (a de_DE JVM) read as a point', () => {
    const row = jstatRow(ROW17.trim(), header)
    expect('cells' in row && row.cells.get('OU')).toBe('45231.5')
    expect('cells' in row && row.cells.get('Timestamp')).toBe('5.3')
    const comma = jstatRow(ROW17.trim().replace(/\./g, ','), header)
    expect('cells' in comma && comma.cells.get('EU')).toBe('12288.0')
  })

  it('a cell that is no number, a row cut short or run on: the column and what was found', () => {
    expect(jstatRow(ROW17.trim().replace('45231.5', '4523l.5'), header)).toEqual({
      column: 'OU',
      found: '4523l.5',
      expected: 'a number as jstat writes it, like 2048.0 (or - for a space the JVM does not have)'
    })
    expect(jstatRow('5.3  0.0   2048.0  0.0   2048.0 26624.0  12', header)).toEqual({
      column: 'OC',
      found: 'nothing (the row ends here)',
      expected: "a whole row of the header's 20 columns, Timestamp to GCT (this row has 7)"
    })
    expect(jstatRow(`${ROW17.trim()} 5.3`, header)).toMatchObject({ column: 'GCT' })
    expect(jstatRow(ROW17.trim().replace('5.3', '-'), header)).toMatchObject({
      column: 'Timestamp',
      expected: "the JVM's uptime in seconds, like 5.3"
    })
  })

  it('sums the spaces the JVM has: a `-` adds nothing; NaN when none is there', () => {
    const cells = new Map([
      ['S0U', '0.0'],
      ['S1U', '2048.1'],
      ['EU', '-'],
      ['OU', '0.2']
    ])
    expect(jstatSum(cells, ['S0U', 'S1U', 'EU', 'OU'])).toBe(2048.3)
    expect(jstatSum(cells, ['EU'])).toBeNaN()
  })
})

describe('findJstatTable and processToolLog', () => {
  it('-gc at the start of a file, after blank and date lines', () => {
    expect(findJstatTable(['', JDK17, ROW17])).toMatchObject({ dated: false })
    expect(findJstatTable(['Tue Mar 10 10:00:00 UTC 2026', JDK17, ROW17])).toMatchObject({
      dated: true
    })
    // after a shell prompt it is no table read: the process tools' reason names it
    const prompted = ['$ jstat -gc -t 4242 5000', JDK17, ROW17]
    expect(findJstatTable(prompted)).toBeUndefined()
    expect(processToolLog(prompted)).toEqual({
      tool: '`jstat -gc` output',
      why: 'other lines before its first header (and the date lines)'
    })
  })

  it('-gcutil is named with why its percentages are not judged', () => {
    const printout = processToolLog([
      'Timestamp         S0     S1     E      O      M     CCS    YGC     YGCT    FGC    FGCT     CGC    CGCT     GCT',
      '            5.3   0.00 100.00  46.15  19.46  97.89  93.42     12    0.085     0    0.000     4    0.010    0.095'
    ])
    expect(printout?.tool).toBe('`jstat -gcutil` output')
    expect(printout?.why).toMatch(/^each space's use as a percentage of its current capacity/)
  })
})
