/**
 * What the renderers need besides the report itself. Everything here comes
 * from the caller (CLI or action), so renderers stay pure string functions.
 */
import type { Finding } from '../model.js'

export interface MarkdownContext {
  /** Comment key: the hidden marker is `<!-- leak-gate:KEY -->`. Default `default`. */
  key?: string
  /** Artifact name(s) analysed, shown in the verdict line. */
  artifactName?: string
  /** Link to the workflow run, shown in the verdict line. */
  runUrl?: string
  /** Link to the uploaded HTML report artifact, when there is one. */
  reportUrl?: string
  /** The command that reproduces the verdict locally. Default: `npx --yes leak-gate <root>`. */
  commandLine?: string
  /** Where `docs/signatures.md` of the leak-gate version that ran is on the web (its sections are the signatures). */
  docsUrl?: string
  /** Link to the Check run of this report, when one was created. */
  checkUrl?: string
  /** Findings compared with the previous run's comment (issue 6): ids new in this run and findings fixed since. */
  history?: {
    newIds: string[]
    fixed: Array<Pick<Finding, 'id' | 'signature' | 'metric' | 'source'>>
  }
  /**
   * Opaque text stored in a hidden HTML comment at the end of the body so the next
   * run can read it back (finding ids). Must not contain `--`; the renderer encodes it.
   */
  hiddenData?: string
  /** Longest body allowed. Default 65,536 (GitHub's comment limit). */
  maxLength?: number
}

export interface TextOptions {
  /** ANSI colours (only when writing to a TTY). */
  color: boolean
}

/** Optional extras of the HTML report (added by the report helper; all optional). */
export interface HtmlOptions {
  /** Shown in the verdict box and the page title. Default: the report's root. */
  title?: string
  /** The command that reproduces the verdict locally. Default: `npx --yes leak-gate <root>`. */
  commandLine?: string
  /** Where `docs/signatures.md` of the leak-gate version that ran is on the web. */
  docsUrl?: string
}
