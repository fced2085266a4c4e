// Guarantee 6: hostile input values (what a pull request title, branch or file name can carry into a
// `with:`) never run a command, never write outside the action's folders, and never forge an output, an
// env variable, a PATH entry or state, whether through the file commands or through a stdout line the
// runner would read as a command (`::set-output`, `##[set-output]`, `::add-path::`, `::save-state`, a
// `::stop-commands::` block). Every input of every action gets every value; the composite actions'
// shell steps are rendered and run as the runner runs them (test/harness/composite.ts).
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { createJob, repoRoot, runAction, type ActionResult, type Job } from '../harness/runner';
import { actionDirOf } from '../harness/action-manifest';
import { startMirror, type Mirror } from '../harness/mirror';
import { toolsBin } from '../harness/cache-server';
import { injectionValues } from '../harness/hostile-values';
import { forgedCommands, githubRunnerCommands } from '../harness/runner-commands';
import { runComposite } from '../harness/composite';
import { sha256Hex } from '../harness/tarball';
import { pool, publishTiny, tinyInputs, type TinyRelease } from './fixtures';
import { tally } from './tally';

let mirror: Mirror;
let tiny: TinyRelease;
let sandbox: string;
let canary: string;
const FORGED = ['/tmp/forged', '/tmp/forged.so', '/tmp/ci-kit-never'];

beforeAll(async () => {
  mirror = await startMirror();
  tiny = await publishTiny(mirror);
  sandbox = await mkdtemp(path.join(tmpdir(), 'ci-kit-inject-'));
  canary = path.join(sandbox, 'pwned');
  for (const file of FORGED) await rm(file, { recursive: true, force: true });
});

afterAll(async () => {
  await mirror?.stop();
  await rm(sandbox, { recursive: true, force: true });
});

function declaredOutputs(action: string): string[] {
  const manifest = parse(readFileSync(path.join(actionDirOf(action), 'action.yml'), 'utf8')) as {
    outputs?: Record<string, unknown>;
  };
  return Object.keys(manifest.outputs ?? {});
}

const ALLOWED_ENV: Record<string, string[]> = {
  'cached-tool': [],
  'prepare-python': ['UV_CACHE_DIR', 'UV_PYTHON', 'VIRTUAL_ENV'],
  'secret-guard': [],
};

/** Everything a hostile value must not achieve, checked on one step's result. */
function expectContained(action: string, job: Job, result: ActionResult, label: string): void {
  const context = { label, stdout: result.stdout.slice(-2000) };
  expect({ ...context, canary: existsSync(canary) }).toEqual({ ...context, canary: false });
  expect({ ...context, forged: FORGED.filter((f) => existsSync(f)) }).toEqual({ ...context, forged: [] });
  expect({ ...context, commands: forgedCommands(result.stdout, { allowMasks: true }) }).toEqual({
    ...context,
    commands: [],
  });
  expect({ ...context, problems: result.problems }).toEqual({ ...context, problems: [] });
  const outputs = declaredOutputs(action);
  expect({ ...context, outputs: Object.keys(result.outputs).filter((o) => !outputs.includes(o)) }).toEqual({
    ...context,
    outputs: [],
  });
  expect({
    ...context,
    env: Object.keys(result.env).filter((e) => !ALLOWED_ENV[action]?.includes(e)),
  }).toEqual({
    ...context,
    env: [],
  });
  const inside = (dir: string) =>
    [job.toolCache, job.workspace, job.temp].some((root) => dir.startsWith(`${root}/`));
  expect({ ...context, path: result.path.filter((dir) => !inside(dir)) }).toEqual({ ...context, path: [] });
  if (result.exitCode !== 0)
    expect({ ...context, errors: result.errors.length }).toEqual({ ...context, errors: 1 });
  expect({ ...context, stack: /\n\s+at .+\(.+:\d+:\d+\)/.test(result.stdout + result.stderr) }).toEqual({
    ...context,
    stack: false,
  });
  // A value that got as far as an output is still one value, never a second line for the runner.
  for (const value of Object.values(result.outputs)) {
    expect({ ...context, output: value.split('\n').length }).toEqual({ ...context, output: 1 });
  }
}

/**
 * Node actions never start a shell with an input, so of the shell-only variants (pipe, &&, quotes, a
 * newline command) two stand for all; the composite steps below get every one.
 */
const SHELL_ONLY = ['pipe', 'and', 'newlineShell', 'quotes', 'backticks'];
/** Inputs checked against a fixed list (enums, booleans, numbers) get one value of each family. */
const STRICT = ['subshell', 'setOutput', 'adoSetOutput', 'stopCommands', 'long'];

/** Runs the action once per (input, value), four at a time, each in a fresh job. */
async function matrix(
  action: string,
  base: Record<string, string>,
  free: string[],
  strict: string[],
  opts: { env?: Record<string, string>; path?: string[]; prepare?: (job: Job) => Promise<void> } = {},
): Promise<void> {
  const all = Object.entries(injectionValues(canary)).filter(([kind]) => !SHELL_ONLY.includes(kind));
  const cases = [
    ...free.flatMap((name) => all.map(([kind, value]) => [name, kind, value] as const)),
    ...strict.flatMap((name) =>
      all.filter(([kind]) => STRICT.includes(kind)).map(([kind, value]) => [name, kind, value] as const),
    ),
  ];
  const tasks = cases.map(([name, kind, value]) => async () => {
    const job = await createJob();
    try {
      await opts.prepare?.(job);
      const result = await runAction(job, action, {
        inputs: { ...base, [name]: value },
        ...(opts.env ? { env: opts.env } : {}),
        ...(opts.path ? { path: opts.path } : {}),
      });
      tally.hostileInputs += 1;
      expectContained(action, job, result, `${action} ${name}=${kind}`);
    } finally {
      await job.cleanup();
    }
  });
  await pool(4, tasks);
}

describe('cached-tool', () => {
  it('every input, every hostile value', async () => {
    await matrix(
      'cached-tool',
      tinyInputs(mirror.url, tiny.sha256, { retries: '1' }),
      ['version', 'sha256', 'download-url', 'url', 'archive-path', 'binary'],
      ['tool', 'retries', 'cache', 'verify'],
    );
  }, 120_000);

  it('URL templates cannot change the scheme, whatever the placeholders hold', async () => {
    const templates = [
      '{version}://evil.invalid/x',
      'javascript:{file}',
      'data:text/plain,{version}',
      'ftp://{os}.invalid/{file}',
      'htt{os}://evil.invalid/{file}',
      '{file}',
      'file:{file}',
      '//evil.invalid/{file}',
      `http://127.0.0.1:9/{file}\n::set-output name=path::/tmp/forged`,
    ];
    for (const template of templates) {
      const job = await createJob();
      try {
        const result = await runAction(job, 'cached-tool', {
          inputs: {
            tool: 'helm',
            'download-url': template,
            sha256: tiny.sha256,
            retries: '1',
            cache: 'false',
          },
        });
        tally.hostileInputs += 1;
        expectContained('cached-tool', job, result, `download-url ${JSON.stringify(template)}`);
        expect(result.exitCode).toBe(1);
        expect(result.errors[0]).toMatch(/download-url|could not download|does not exist/);
      } finally {
        await job.cleanup();
      }
    }
  });

  it('an archive whose members climb out (../, absolute paths, a symlink to /tmp) stays in its folder', async () => {
    // Built with Python's tarfile: GNU tar will not write such members itself.
    const dir = await mkdtemp(path.join(sandbox, 'slip-'));
    const archive = path.join(dir, 'slip.tar.gz');
    const script = [
      'import io, sys, tarfile',
      'def add(t, name, data=b"x", kind=tarfile.REGTYPE, link=""):',
      '    info = tarfile.TarInfo(name); info.type = kind; info.linkname = link; info.mode = 0o755',
      '    info.size = len(data) if kind == tarfile.REGTYPE else 0',
      '    t.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)',
      'with tarfile.open(sys.argv[1], "w:gz") as t:',
      '    add(t, "tool-bin/mytool", b"#!/bin/sh\\necho slip\\n")',
      `    add(t, "../../../../../../..${sandbox}/slip-dotdot")`,
      `    add(t, "${sandbox}/slip-absolute")`,
      `    add(t, "tool-bin/escape", kind=tarfile.SYMTYPE, link="${sandbox}")`,
      '    add(t, "tool-bin/escape/slip-through-symlink")',
    ].join('\n');
    const { spawnSync } = await import('node:child_process');
    const made = spawnSync('python3', ['-c', script, archive], { encoding: 'utf8' });
    expect(made.stderr).toBe('');
    const body = readFileSync(archive);
    mirror.addFile('/slip/1.0.0/slip.tar.gz', body);
    const job = await createJob();
    try {
      const result = await runAction(job, 'cached-tool', {
        inputs: {
          tool: 'custom',
          version: '1.0.0',
          url: `${mirror.url}/slip/{version}/slip.tar.gz`,
          'archive-path': 'tool-bin',
          binary: 'mytool',
          sha256: sha256Hex(body),
          cache: 'false',
        },
      });
      tally.hostileInputs += 1;
      expectContained('cached-tool', job, result, 'tar slip');
      expect(
        (await readdir(sandbox)).filter((name) => name.startsWith('slip-') && name !== path.basename(dir)),
      ).toEqual([]);
    } finally {
      await job.cleanup();
    }
  });
});

describe('prepare-python', () => {
  const fixture = path.join(repoRoot, 'test/fixtures/py-app');
  const warm = [path.dirname(toolsBin('uv'))];

  it('every input, every hostile value', async () => {
    await matrix(
      'prepare-python',
      { 'nox-version': 'none', cache: 'false', install: 'none', retries: '1' },
      [
        'uv-version',
        'nox-version',
        'python-version',
        'working-directory',
        'cache-dependency-glob',
        'cache-suffix',
        'uv-download-url',
        'uv-sha256',
      ],
      ['install', 'cache', 'retries'],
      {
        env: { UV_OFFLINE: '1' },
        path: warm,
        prepare: async (job) => {
          await cp(fixture, job.workspace, { recursive: true });
        },
      },
    );
  }, 180_000);

  it('working-directory cannot point the install outside the workspace', async () => {
    // A real project outside the workspace: `uv sync` there would write its .venv outside.
    const outside = await mkdtemp(path.join(sandbox, 'outside-'));
    await cp(fixture, outside, { recursive: true });
    for (const value of [outside, `${outside}/`, `./../${path.basename(outside)}`, '/']) {
      const job = await createJob();
      try {
        await cp(fixture, job.workspace, { recursive: true });
        const result = await runAction(job, 'prepare-python', {
          inputs: { 'working-directory': value, install: 'sync', 'nox-version': 'none', cache: 'false' },
          env: { UV_OFFLINE: '1' },
          path: warm,
        });
        tally.hostileInputs += 1;
        expectContained('prepare-python', job, result, `working-directory=${value}`);
        expect(result.exitCode).toBe(1);
        expect(result.errors[0]).toMatch(/'working-directory'/);
        expect(existsSync(path.join(outside, '.venv'))).toBe(false);
      } finally {
        await job.cleanup();
      }
    }
    // The workspace itself, given as an absolute path, is fine.
    const job = await createJob();
    try {
      await cp(fixture, job.workspace, { recursive: true });
      const result = await runAction(job, 'prepare-python', {
        inputs: {
          'working-directory': job.workspace,
          install: 'none',
          'nox-version': 'none',
          cache: 'false',
        },
        env: { UV_OFFLINE: '1' },
        path: warm,
      });
      expect(result.exitCode).toBe(0);
    } finally {
      await job.cleanup();
    }
  });

  it('file names in the repository (a pull request controls them) cannot forge commands through the log', async () => {
    const job = await createJob();
    try {
      await cp(fixture, job.workspace, { recursive: true });
      for (const name of [
        'x\n::set-output name=cache-hit::true\n',
        'y\n::add-path::/tmp/forged\n',
        'z\n##[set-output name=uv-path]/tmp/forged\n',
      ]) {
        await mkdir(path.join(job.workspace, name), { recursive: true });
        await writeFile(path.join(job.workspace, name, 'uv.lock'), 'version = 1\n');
      }
      const result = await runAction(job, 'prepare-python', {
        inputs: { install: 'none', 'nox-version': 'none', cache: 'false' },
        env: { UV_OFFLINE: '1' },
        path: warm,
      });
      tally.hostileInputs += 3;
      expect(result.exitCode).toBe(0);
      expectContained('prepare-python', job, result, 'hostile file names');
      expect(result.outputs['cache-hit']).toBe('false');
    } finally {
      await job.cleanup();
    }
  });

  it('the dependency glob does not follow symbolic links out of the workspace, nor log where they lead', async () => {
    // A pull request can commit links: a folder link to / would make `**/uv.lock` walk the runner's
    // disk, and a file link would hash (and log) a file of the runner's.
    const outside = await mkdtemp(path.join(sandbox, 'glob-outside-'));
    await mkdir(path.join(outside, 'runner-private-folder'), { recursive: true });
    await writeFile(path.join(outside, 'runner-private-folder', 'uv.lock'), 'version = 1\n');
    const job = await createJob();
    try {
      await cp(fixture, job.workspace, { recursive: true });
      await symlink(outside, path.join(job.workspace, 'linked-out'));
      await mkdir(path.join(job.workspace, 'file-link'), { recursive: true });
      await symlink(
        path.join(outside, 'runner-private-folder', 'uv.lock'),
        path.join(job.workspace, 'file-link', 'uv.lock'),
      );
      // A link that stays inside the workspace is an ordinary file of the checkout.
      await mkdir(path.join(job.workspace, 'inner'), { recursive: true });
      await symlink('../uv.lock', path.join(job.workspace, 'inner', 'uv.lock'));
      const result = await runAction(job, 'prepare-python', {
        inputs: { install: 'none', 'nox-version': 'none', cache: 'false' },
        env: { UV_OFFLINE: '1' },
        path: warm,
      });
      expect(result.exitCode).toBe(0);
      const keyLine = result.stdout.split('\n').find((line) => line.startsWith('cache key from')) ?? '';
      expect(keyLine).toBe('cache key from 3 file(s): inner/uv.lock, pyproject.toml, uv.lock');
      expect(result.stdout).not.toContain('runner-private-folder');
      expect(result.stdout).not.toContain(outside);
      expect(result.warnings).toEqual([
        'cache-dependency-glob: left 1 matched file(s) out of the cache key: their real path is outside the workspace (a symbolic link out of it, or a ../ pattern); the first: file-link/uv.lock',
      ]);
      expectContained('prepare-python', job, result, 'links out of the workspace');
    } finally {
      await job.cleanup();
    }
  });

  it("file names GitHub's runner would read as commands (`##[` mid-line, `::` after a Unicode blank) stay text", async () => {
    // GitHub's runner finds `##[name]` anywhere in a line and trims Unicode blanks (U+00A0, U+2000..U+200A,
    // U+3000, ...) before it looks for `::`; act only reads both at a line's start. The names reach the
    // "cache key from N file(s)" line.
    const job = await createJob();
    try {
      await cp(fixture, job.workspace, { recursive: true });
      const names = [
        'evil##[warning]x',
        'x\n\u00a0::warning::y',
        'z\n\u2003\u3000::error::w',
        'v\n\ufeff::notice::u',
        'e##[set-output name=uv-path]/tmp/forged',
      ];
      for (const name of names) {
        await mkdir(path.join(job.workspace, name), { recursive: true });
        await writeFile(path.join(job.workspace, name, 'uv.lock'), 'version = 1\n');
      }
      const result = await runAction(job, 'prepare-python', {
        inputs: { install: 'none', 'nox-version': 'none', cache: 'false' },
        env: { UV_OFFLINE: '1' },
        path: warm,
      });
      tally.hostileInputs += names.length;
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('evil##[warning]x/uv.lock');
      expect(result.stdout).toMatch(/cache key from \d+ file\(s\)/);
      const planted = githubRunnerCommands(result.stdout).filter((c) =>
        /evil|::warning::y|::error::w|::notice::u|uv-path/.test(c.line),
      );
      expect(planted).toEqual([]);
      expectContained('prepare-python', job, result, "file names for GitHub's runner");
    } finally {
      await job.cleanup();
    }
  });
});

describe('secret-guard', () => {
  it('every input, every hostile value', async () => {
    await matrix('secret-guard', { secrets: 'A_SECRET' }, ['secrets'], ['require', 'on-missing'], {
      env: { A_SECRET: 'value-of-a-secret' },
    });
  });
});

describe('status-check (composite, its shell step run as the runner runs it)', () => {
  const needsWith = (extra: Record<string, unknown>) =>
    JSON.stringify({ unit: { result: 'success', outputs: { mode: 'offline' } }, ...extra });

  it('hostile needs JSON (job names, results, outputs) and allow-skipped values', async () => {
    const values = Object.entries(injectionValues(canary)).filter(([kind]) => kind !== 'long');
    const cases: Array<[string, Record<string, string>]> = [];
    for (const [kind, value] of values) {
      cases.push([`job name ${kind}`, { needs: needsWith({ [value]: { result: 'failure' } }) }]);
      cases.push([`result ${kind}`, { needs: needsWith({ lint: { result: value } }) }]);
      cases.push([
        `outputs ${kind}`,
        {
          needs: needsWith({
            lint: { result: 'success', outputs: { mode: value, reason: value, [value]: 'offline' } },
          }),
        },
      ]);
      cases.push([`allow-skipped ${kind}`, { needs: needsWith({}), 'allow-skipped': value }]);
      cases.push([`needs ${kind}`, { needs: value }]);
    }
    await pool(
      4,
      cases.map(([label, inputs]) => async () => {
        const job = await createJob();
        try {
          const result = await runComposite(job, 'status-check', { inputs });
          tally.hostileInputs += 1;
          const step = result.steps[0];
          expect(step).toBeDefined();
          const context = { label, stdout: step?.stdout.slice(-1500) };
          expect({ ...context, canary: existsSync(canary) }).toEqual({ ...context, canary: false });
          expect({ ...context, commands: forgedCommands(result.stdout) }).toEqual({
            ...context,
            commands: [],
          });
          // The one output it may set: the telemetry file's path, always the workspace's own file.
          const outputs = { ...step?.outputs };
          if (outputs['telemetry-file'] === path.join(job.workspace, 'ci-kit-telemetry.json'))
            delete outputs['telemetry-file'];
          expect({ ...context, outputs, env: step?.env, path: step?.path }).toEqual({
            ...context,
            outputs: {},
            env: {},
            path: [],
          });
          expect({ ...context, errors: (step?.errors.length ?? 0) <= 1 }).toEqual({
            ...context,
            errors: true,
          });
          // The inputs reached the shell through env:, never pasted into the script.
          expect({ ...context, script: step?.script }).toEqual({
            ...context,
            script: 'node "$GITHUB_ACTION_PATH/status-check.mjs"',
          });
        } finally {
          await job.cleanup();
        }
      }),
    );
  });
});

describe('every composite action keeps expressions out of run:', () => {
  it.each(['status-check', 'setup-prewarmed-runner'])('%s', (action) => {
    const file = path.join(actionDirOf(action), 'action.yml');
    if (!existsSync(file)) return;
    const manifest = parse(readFileSync(file, 'utf8')) as { runs: { steps?: Array<{ run?: string }> } };
    for (const step of manifest.runs.steps ?? []) expect(step.run ?? '').not.toMatch(/\$\{\{/);
  });
});
