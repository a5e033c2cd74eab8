/**
 * A local stand-in for GitHub on 127.0.0.1: the REST endpoints Octokit calls
 * (comments with pagination and Link headers, pulls, workflow runs, artifact
 * listings and the 302 zip download), the Twirp artifact service that
 * `@actions/artifact` 6 uses for the current run (ListArtifacts,
 * GetSignedArtifactURL, CreateArtifact, FinalizeArtifact) and the blob store
 * behind signed URLs (GET, Azure Put Block / Put Block List). Faults
 * (a status for the next N matching requests) are injected per test, and so
 * are the hostile conditions of issue 14: a request that never answers
 * (`hang`), GitHub's 422 on comment bodies over `maxCommentLength`, a second
 * writer acting between our requests (`before`), and comments by other
 * authors (`addComment` with a login). Each token has an identity
 * (`identities`): the author of what it writes, what GraphQL `viewer` and
 * `GET /user` answer.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { makeZip, readZip } from './zip.js'

export interface FakeArtifact {
  id: number
  name: string
  runId: number
  /** Zip content served for downloads (built from files when created). */
  zip: Buffer
  expired: boolean
  createdAt: string
}

export interface FakeRun {
  id: number
  workflow_id: number
  head_branch: string
  head_sha: string
  status: string
  conclusion: string
  created_at: string
  event: string
  /** Repository the run's head commit is in (a fork's, for fork pull requests). */
  head_full_name?: string
  /** What the API lists for it (empty for forks). */
  pull_requests?: Array<{ number: number; head: { sha: string } }>
}

export interface FakeComment {
  id: number
  issue: number
  body: string
  user: { login: string; type: string }
}

export interface FakePull {
  number: number
  state: string
  head: { sha: string; ref: string; repo: { full_name: string } }
  base: { ref: string; sha: string; repo: { full_name: string } }
}

/** An injected answer for the next `times` requests that match. */
export interface Fault {
  method: string
  path: RegExp
  status: number
  times: number
  body?: unknown
  headers?: Record<string, string>
}

/** A Check run as the fake stores it (annotations appended across requests, like GitHub). */
export interface FakeCheckRun {
  id: number
  name: string
  head_sha: string
  status: string
  conclusion: string | null
  details_url?: string
  output: { title?: string; summary?: string; text?: string }
  annotations: Array<Record<string, unknown>>
  /** Annotations sent per request (GitHub refuses more than 50 in one). */
  annotationBatches: number[]
}

export interface LoggedRequest {
  method: string
  path: string
  status: number
  /** When it was answered (ms since the epoch). */
  at?: number
}

/** Who a token is: an installation token (GITHUB_TOKEN, an app) or a user's token. */
export interface FakeIdentity {
  login: string
  type: 'Bot' | 'User'
}

/** The workflow token's identity: what GITHUB_TOKEN writes as. */
export const ACTIONS_BOT: FakeIdentity = { login: 'github-actions[bot]', type: 'Bot' }

/** A request that is accepted and never answered, for the next `times` matches. */
interface Hang {
  method: string
  path: RegExp
  times: number
}

/** Something another writer does just before a matching request is handled. */
interface Hook {
  method: string
  path: RegExp
  times: number
  run: () => void
}

const OWNER = 'acme'
const REPO = 'shop'

export class FakeGitHub {
  readonly owner = OWNER
  readonly repo = REPO
  /** The run whose artifacts the Twirp service lists (the "current" run). */
  currentRunId = 1000
  comments: FakeComment[] = []
  checkRuns: FakeCheckRun[] = []
  /** `GET /compare/BASE...HEAD` answers: `${base}...${head}` → the merge-base commit's sha. */
  mergeBases = new Map<string, string>()
  artifacts: FakeArtifact[] = []
  runs: FakeRun[] = []
  pulls: FakePull[] = []
  faults: Fault[] = []
  log: LoggedRequest[] = []
  /** Identity of each token; any other token is the workflow token (github-actions[bot]). */
  identities = new Map<string, FakeIdentity>()
  /** GitHub refuses comment bodies longer than this with 422 (65,536 characters). */
  maxCommentLength = 65_536
  hangs: Hang[] = []
  hooks: Hook[] = []
  /** Requests being held open by a hang (answered never; closed on stop). */
  private held: ServerResponse[] = []
  /** Uploaded artifacts, by name: their files. */
  uploaded = new Map<string, Record<string, Buffer>>()
  private server?: Server
  private nextId = 5000
  private pendingUploads = new Map<
    number,
    { name: string; blocks: Map<string, Buffer>; blob?: Buffer }
  >()
  url = ''

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.send(response, request, 500, { message: String(error) })
      })
    })
    // Close idle keep-alive sockets quickly so child processes exit promptly.
    this.server.keepAliveTimeout = 200
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    for (const response of this.held) response.destroy()
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }

  /** Adds an artifact (files zipped) to a run. */
  addArtifact(
    runId: number,
    name: string,
    files: Record<string, string | Buffer>,
    options: { expired?: boolean; createdAt?: string } = {}
  ): FakeArtifact {
    const artifact: FakeArtifact = {
      id: this.nextId++,
      name,
      runId,
      zip: makeZip(files),
      expired: options.expired ?? false,
      createdAt: options.createdAt ?? new Date().toISOString()
    }
    this.artifacts.push(artifact)
    return artifact
  }

  addRun(run: Partial<FakeRun> & { id: number }): FakeRun {
    const full: FakeRun = {
      workflow_id: 77,
      head_branch: 'main',
      head_sha: `sha${run.id}`.padEnd(40, '0'),
      status: 'completed',
      conclusion: 'success',
      created_at: new Date().toISOString(),
      event: 'push',
      ...run
    }
    this.runs.push(full)
    return full
  }

  addComment(issue: number, body: string, login = 'someone', type = 'User'): FakeComment {
    const comment = { id: this.nextId++, issue, body, user: { login, type } }
    this.comments.push(comment)
    return comment
  }

  /** The next `times` requests that match are accepted and never answered. */
  hang(method: string, path: RegExp, times = Infinity): void {
    this.hangs.push({ method, path, times })
  }

  /** Runs `run` (another writer's action) just before the next `times` matching requests. */
  before(method: string, path: RegExp, run: () => void, times = 1): void {
    this.hooks.push({ method, path, times, run })
  }

  /** The identity a request acts as, from its Authorization header. */
  private identityOf(request: IncomingMessage): FakeIdentity {
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? ''
    return this.identities.get(token) ?? ACTIONS_BOT
  }

  fail(
    method: string,
    path: RegExp,
    status: number,
    times = 1,
    body?: unknown,
    headers?: Record<string, string>
  ): void {
    this.faults.push({ method, path, status, times, body, headers })
  }

  /** Requests that reached a handler (method + path without query). */
  requests(method: string, path: RegExp): LoggedRequest[] {
    return this.log.filter((entry) => entry.method === method && path.test(entry.path))
  }

  private commentJson(comment: FakeComment) {
    return {
      id: comment.id,
      body: comment.body,
      user: comment.user,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${comment.issue}#issuecomment-${comment.id}`,
      created_at: '2026-01-15T10:00:00Z',
      updated_at: '2026-01-15T10:00:00Z'
    }
  }

  /** The request's annotations, or why GitHub would refuse them. */
  private checkAnnotations(
    input: Record<string, unknown>
  ): Array<Record<string, unknown>> | string {
    const output = input.output as { annotations?: unknown; summary?: unknown } | undefined
    if (output && typeof output.summary === 'string' && output.summary.length > 65_535)
      return 'output.summary is too long (maximum is 65535 characters)'
    const list = output?.annotations
    if (list === undefined) return []
    if (!Array.isArray(list)) return 'output.annotations is not an array'
    if (list.length > 50) return 'Only 50 annotations can be sent per request'
    for (const item of list as Array<Record<string, unknown>>)
      if (
        !item.path ||
        !item.start_line ||
        !item.end_line ||
        !item.annotation_level ||
        !item.message
      )
        return 'annotation is missing path, start_line, end_line, annotation_level or message'
    return list as Array<Record<string, unknown>>
  }

  private applyCheckOutput(
    run: FakeCheckRun,
    input: Record<string, unknown>,
    annotations: Array<Record<string, unknown>>
  ): void {
    const output = input.output as FakeCheckRun['output'] | undefined
    if (!output) return
    for (const key of ['title', 'summary', 'text'] as const)
      if (typeof output[key] === 'string') run.output[key] = output[key]
    run.annotations.push(...annotations)
    run.annotationBatches.push(annotations.length)
  }

  private checkJson(run: FakeCheckRun) {
    return {
      id: run.id,
      name: run.name,
      head_sha: run.head_sha,
      status: run.status,
      conclusion: run.conclusion,
      details_url: run.details_url,
      html_url: `https://github.com/${OWNER}/${REPO}/runs/${run.id}`,
      output: { ...run.output, annotations_count: run.annotations.length }
    }
  }

  private runJson(run: FakeRun) {
    const { head_full_name: headRepo, ...rest } = run
    return {
      ...rest,
      head_repository: { full_name: headRepo ?? `${OWNER}/${REPO}` },
      pull_requests: run.pull_requests ?? [],
      name: 'load test',
      path: '.github/workflows/load-test.yml',
      html_url: `https://github.com/${OWNER}/${REPO}/actions/runs/${run.id}`,
      updated_at: run.created_at
    }
  }

  private send(
    response: ServerResponse,
    request: IncomingMessage,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {}
  ): void {
    const path = (request.url ?? '').split('?')[0]
    this.log.push({ method: request.method ?? '', path, status, at: Date.now() })
    const text = body === undefined ? '' : Buffer.isBuffer(body) ? body : JSON.stringify(body)
    response.writeHead(status, {
      ...(Buffer.isBuffer(body) ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      'content-length': String(Buffer.byteLength(text)),
      ...headers
    })
    response.end(text)
  }

  private async readBody(request: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }

  /** Pages a list like GitHub does: `per_page`, `page`, and a Link header. */
  private page<T>(
    url: URL,
    items: T[],
    defaultPerPage = 30
  ): { slice: T[]; headers: Record<string, string> } {
    const perPage = Math.min(
      Number(url.searchParams.get('per_page') ?? defaultPerPage) || defaultPerPage,
      100
    )
    const page = Number(url.searchParams.get('page') ?? 1) || 1
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const link = (n: number) => {
      const next = new URL(url.toString())
      next.searchParams.set('page', String(n))
      next.searchParams.set('per_page', String(perPage))
      return next.toString()
    }
    const parts: string[] = []
    if (page < last) parts.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`)
    if (page > 1) parts.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`)
    return {
      slice: items.slice((page - 1) * perPage, page * perPage),
      headers: parts.length ? { link: parts.join(', ') } : {}
    }
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET'
    const url = new URL(request.url ?? '/', this.url)
    const path = url.pathname
    const body = await this.readBody(request)
    const hook = this.hooks.find(
      (item) => item.times > 0 && item.method === method && item.path.test(path)
    )
    if (hook) {
      hook.times--
      hook.run()
    }
    const hang = this.hangs.find(
      (item) => item.times > 0 && item.method === method && item.path.test(path)
    )
    if (hang) {
      hang.times--
      this.log.push({ method, path, status: 0, at: Date.now() })
      this.held.push(response)
      return
    }
    const fault = this.faults.find(
      (item) => item.times > 0 && item.method === method && item.path.test(path)
    )
    if (fault) {
      fault.times--
      return this.send(
        response,
        request,
        fault.status,
        fault.body ?? { message: `injected ${fault.status}` },
        fault.headers
      )
    }
    const json = () =>
      body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {}

    // Twirp artifact service (current run).
    const twirp = /^\/twirp\/github\.actions\.results\.api\.v1\.ArtifactService\/(\w+)$/.exec(path)
    if (twirp && method === 'POST') return this.twirp(twirp[1], json(), request, response)

    // Blob store behind signed URLs.
    const blob = /^\/blob\/(\d+)\.zip$/.exec(path)
    if (blob && method === 'GET') {
      const artifact = this.artifacts.find((item) => item.id === Number(blob[1]))
      if (!artifact) return this.send(response, request, 404, { message: 'BlobNotFound' })
      return this.send(response, request, 200, artifact.zip, { 'content-type': 'application/zip' })
    }
    const upload = /^\/upload\/(\d+)$/.exec(path)
    if (upload && method === 'PUT')
      return this.blobPut(Number(upload[1]), url, body, request, response)

    // Who the token is: GraphQL viewer (any token) and GET /user (user tokens only).
    if (path === '/graphql' && method === 'POST') {
      const query = String(json().query ?? '')
      if (!/viewer\s*{\s*login/.test(query))
        return this.send(response, request, 200, { errors: [{ message: 'unsupported query' }] })
      return this.send(response, request, 200, {
        data: { viewer: { login: this.identityOf(request).login } }
      })
    }
    if (path === '/user' && method === 'GET') {
      const identity = this.identityOf(request)
      return identity.type === 'User'
        ? this.send(response, request, 200, { login: identity.login, type: 'User' })
        : this.send(response, request, 403, {
            message: 'Resource not accessible by integration'
          })
    }

    // REST.
    const rest = new RegExp(`^/repos/${OWNER}/${REPO}(/.*)$`).exec(path)
    if (!rest) return this.send(response, request, 404, { message: 'Not Found' })
    const route = rest[1]
    let match: RegExpExecArray | null
    if ((match = /^\/issues\/(\d+)\/comments$/.exec(route))) {
      const issue = Number(match[1])
      if (method === 'GET') {
        const { slice, headers } = this.page(
          url,
          this.comments.filter((comment) => comment.issue === issue)
        )
        return this.send(
          response,
          request,
          200,
          slice.map((comment) => this.commentJson(comment)),
          headers
        )
      }
      if (method === 'POST') {
        const text = String(json().body ?? '')
        if (text.length > this.maxCommentLength) return this.tooLong(response, request)
        const identity = this.identityOf(request)
        const comment = this.addComment(issue, text, identity.login, identity.type)
        return this.send(response, request, 201, this.commentJson(comment))
      }
    }
    if ((match = /^\/issues\/comments\/(\d+)$/.exec(route)) && /^(PATCH|DELETE)$/.test(method)) {
      const comment = this.comments.find((item) => item.id === Number(match![1]))
      if (!comment) return this.send(response, request, 404, { message: 'Not Found' })
      // The workflow token may not edit or delete other people's comments.
      if (comment.user.login !== this.identityOf(request).login)
        return this.send(response, request, 403, {
          message: 'Resource not accessible by integration'
        })
      if (method === 'DELETE') {
        this.comments = this.comments.filter((item) => item !== comment)
        return this.send(response, request, 204)
      }
      const text = String(json().body ?? '')
      if (text.length > this.maxCommentLength) return this.tooLong(response, request)
      comment.body = text
      return this.send(response, request, 200, this.commentJson(comment))
    }
    if (route === '/check-runs' && method === 'POST') {
      const input = json()
      const annotations = this.checkAnnotations(input)
      if (typeof annotations === 'string')
        return this.send(response, request, 422, { message: annotations })
      const run: FakeCheckRun = {
        id: this.nextId++,
        name: String(input.name ?? ''),
        head_sha: String(input.head_sha ?? ''),
        status: String(input.status ?? 'queued'),
        conclusion: typeof input.conclusion === 'string' ? input.conclusion : null,
        details_url: typeof input.details_url === 'string' ? input.details_url : undefined,
        output: {},
        annotations: [],
        annotationBatches: []
      }
      this.applyCheckOutput(run, input, annotations)
      this.checkRuns.push(run)
      return this.send(response, request, 201, this.checkJson(run))
    }
    if ((match = /^\/check-runs\/(\d+)$/.exec(route)) && method === 'PATCH') {
      const run = this.checkRuns.find((item) => item.id === Number(match![1]))
      if (!run) return this.send(response, request, 404, { message: 'Not Found' })
      const input = json()
      const annotations = this.checkAnnotations(input)
      if (typeof annotations === 'string')
        return this.send(response, request, 422, { message: annotations })
      if (typeof input.status === 'string') run.status = input.status
      if (typeof input.conclusion === 'string') run.conclusion = input.conclusion
      if (typeof input.name === 'string') run.name = input.name
      if (typeof input.details_url === 'string') run.details_url = input.details_url
      this.applyCheckOutput(run, input, annotations)
      return this.send(response, request, 200, this.checkJson(run))
    }
    if ((match = /^\/commits\/([^/]+)\/check-runs$/.exec(route)) && method === 'GET') {
      const name = url.searchParams.get('check_name')
      const list = this.checkRuns
        .filter((run) => run.head_sha === match![1] && (!name || run.name === name))
        .reverse()
      return this.send(response, request, 200, {
        total_count: list.length,
        check_runs: list.map((run) => this.checkJson(run))
      })
    }
    if ((match = /^\/compare\/([^.]+)\.\.\.([^/]+)$/.exec(route)) && method === 'GET') {
      const sha = this.mergeBases.get(`${match[1]}...${match[2]}`)
      return sha
        ? this.send(response, request, 200, { status: 'ahead', merge_base_commit: { sha } })
        : this.send(response, request, 404, { message: 'Not Found' })
    }
    if ((match = /^\/pulls\/(\d+)$/.exec(route)) && method === 'GET') {
      const pull = this.pulls.find((item) => item.number === Number(match![1]))
      return pull
        ? this.send(response, request, 200, pull)
        : this.send(response, request, 404, { message: 'Not Found' })
    }
    if (route === '/pulls' && method === 'GET') {
      const head = url.searchParams.get('head')
      const state = url.searchParams.get('state') ?? 'open'
      const list = this.pulls.filter(
        (pull) =>
          (!head || `${pull.head.repo.full_name.split('/')[0]}:${pull.head.ref}` === head) &&
          (state === 'all' || pull.state === state)
      )
      return this.send(response, request, 200, list)
    }
    if ((match = /^\/commits\/(\w+)\/pulls$/.exec(route)) && method === 'GET') {
      return this.send(
        response,
        request,
        200,
        this.pulls.filter((pull) => pull.head.sha === match![1])
      )
    }
    if ((match = /^\/actions\/runs\/(\d+)$/.exec(route)) && method === 'GET') {
      const run = this.runs.find((item) => item.id === Number(match![1]))
      return run
        ? this.send(response, request, 200, this.runJson(run))
        : this.send(response, request, 404, { message: 'Not Found' })
    }
    const runsRoute = /^\/actions\/workflows\/([^/]+)\/runs$/.exec(route)
    if ((runsRoute || route === '/actions/runs') && method === 'GET') {
      const branch = url.searchParams.get('branch')
      const status = url.searchParams.get('status')
      const workflow = runsRoute?.[1]
      const list = this.runs
        .filter(
          (run) => !workflow || String(run.workflow_id) === workflow || workflow.endsWith('.yml')
        )
        .filter((run) => !branch || run.head_branch === branch)
        .filter((run) => !status || run.conclusion === status || run.status === status)
        .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)
      const { slice, headers } = this.page(url, list)
      return this.send(
        response,
        request,
        200,
        { total_count: list.length, workflow_runs: slice.map((run) => this.runJson(run)) },
        headers
      )
    }
    if ((match = /^\/actions\/runs\/(\d+)\/artifacts$/.exec(route)) && method === 'GET') {
      const runId = Number(match[1])
      const name = url.searchParams.get('name')
      const list = this.artifacts.filter(
        (item) => item.runId === runId && (!name || item.name === name)
      )
      const { slice, headers } = this.page(url, list)
      return this.send(
        response,
        request,
        200,
        {
          total_count: list.length,
          artifacts: slice.map((item) => ({
            id: item.id,
            node_id: `A${item.id}`,
            name: item.name,
            size_in_bytes: item.zip.length,
            url: `${this.url}/repos/${OWNER}/${REPO}/actions/artifacts/${item.id}`,
            archive_download_url: `${this.url}/repos/${OWNER}/${REPO}/actions/artifacts/${item.id}/zip`,
            expired: item.expired,
            created_at: item.createdAt,
            updated_at: item.createdAt,
            expires_at: item.createdAt,
            digest: null,
            workflow_run: { id: runId }
          }))
        },
        headers
      )
    }
    if ((match = /^\/actions\/artifacts\/(\d+)\/zip$/.exec(route)) && method === 'GET') {
      const artifact = this.artifacts.find((item) => item.id === Number(match![1]))
      if (!artifact) return this.send(response, request, 404, { message: 'Not Found' })
      if (artifact.expired)
        return this.send(response, request, 410, { message: 'Artifact has expired' })
      return this.send(response, request, 302, undefined, {
        location: `${this.url}/blob/${artifact.id}.zip?sig=secret`
      })
    }
    return this.send(response, request, 404, { message: `Not Found: ${method} ${route}` })
  }

  private tooLong(response: ServerResponse, request: IncomingMessage): void {
    this.send(response, request, 422, {
      message: 'Validation Failed',
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: `body is too long (maximum is ${this.maxCommentLength} characters)`
        }
      ],
      documentation_url: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment'
    })
  }

  private twirp(
    name: string,
    data: Record<string, unknown>,
    request: IncomingMessage,
    response: ServerResponse
  ): void {
    const current = () => this.artifacts.filter((item) => item.runId === this.currentRunId)
    const describe = (item: FakeArtifact) => ({
      workflow_run_backend_id: 'run-backend',
      workflow_job_run_backend_id: 'job-backend',
      database_id: String(item.id),
      name: item.name,
      size: String(item.zip.length),
      created_at: item.createdAt
    })
    switch (name) {
      case 'ListArtifacts': {
        const list = current().filter(
          (item) =>
            (data.name_filter === undefined || item.name === data.name_filter) &&
            (data.id_filter === undefined || String(item.id) === String(data.id_filter))
        )
        return this.send(response, request, 200, { artifacts: list.map(describe) })
      }
      case 'GetSignedArtifactURL': {
        const artifact = current().find((item) => item.name === data.name)
        if (!artifact)
          return this.send(response, request, 404, { code: 'not_found', msg: 'artifact not found' })
        return this.send(response, request, 200, {
          signed_url: `${this.url}/blob/${artifact.id}.zip?sig=secret`
        })
      }
      case 'CreateArtifact': {
        const id = this.nextId++
        this.pendingUploads.set(id, { name: String(data.name), blocks: new Map() })
        return this.send(response, request, 200, {
          ok: true,
          signed_upload_url: `${this.url}/upload/${id}?sig=secret`
        })
      }
      case 'FinalizeArtifact': {
        const entry = [...this.pendingUploads.entries()].find(
          ([, upload]) => upload.name === data.name
        )
        if (!entry || !entry[1].blob)
          return this.send(response, request, 404, { code: 'not_found', msg: 'no upload' })
        const [id, upload] = entry
        this.pendingUploads.delete(id)
        this.artifacts.push({
          id,
          name: upload.name,
          runId: this.currentRunId,
          zip: upload.blob!,
          expired: false,
          createdAt: new Date().toISOString()
        })
        this.uploaded.set(upload.name, readZip(upload.blob!))
        return this.send(response, request, 200, { ok: true, artifact_id: String(id) })
      }
      default:
        return this.send(response, request, 404, { code: 'bad_route', msg: `no method ${name}` })
    }
  }

  private blobPut(
    id: number,
    url: URL,
    body: Buffer,
    request: IncomingMessage,
    response: ServerResponse
  ): void {
    const upload = this.pendingUploads.get(id)
    if (!upload) return this.send(response, request, 404, { message: 'no such upload' })
    const comp = url.searchParams.get('comp')
    const headers = {
      'x-ms-request-id': `req-${id}`,
      'x-ms-version': '2024-05-04',
      'x-ms-request-server-encrypted': 'true'
    }
    if (comp === 'block') {
      upload.blocks.set(url.searchParams.get('blockid') ?? '', body)
      return this.send(response, request, 201, Buffer.alloc(0), headers)
    }
    if (comp === 'blocklist') {
      const ids = [
        ...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]+)<\//g)
      ].map((item) => item[1])
      upload.blob = Buffer.concat(
        ids.map((blockId) => upload.blocks.get(blockId) ?? Buffer.alloc(0))
      )
      return this.send(response, request, 201, Buffer.alloc(0), {
        ...headers,
        etag: '"0x1"',
        'last-modified': new Date().toUTCString()
      })
    }
    upload.blob = body
    return this.send(response, request, 201, Buffer.alloc(0), { ...headers, etag: '"0x1"' })
  }
}
