// setup-prewarmed-runner's pieces without a runner: the input loader, the version parsers (fed the
// exact text each tool prints), and the composite action.yml's wiring (inputs reach both steps only
// through env:, outputs come from the node step).
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { RecordingLogger } from '../harness/recording-logger';
import { TOOLCHAIN } from '@ci-kit/tools';
import { loadInputs } from '../../actions/setup-prewarmed-runner/src/inputs';
import { probeTool, type Exec } from '../../actions/setup-prewarmed-runner/src/probe';
import { Inputs, Outputs, TOOL_NAMES } from '../../actions/setup-prewarmed-runner/src/names';
import { readImageManifest } from '../../actions/setup-prewarmed-runner/src/manifest';

const root = path.resolve(import.meta.dirname, '../..');
const actionDir = path.join(root, 'actions/setup-prewarmed-runner');
const defaults: Record<string, string> = {
  tools: 'node git curl tar uv nox helm kubeconform',
  'install-missing': 'true',
  strict: 'false',
};
const reader = (inputs: Record<string, string>) => (name: string) => ({ ...defaults, ...inputs })[name] ?? '';

describe('setup-prewarmed-runner inputs', () => {
  it('reads the defaults', () => {
    expect(loadInputs(reader({}))).toEqual({
      tools: [...TOOL_NAMES],
      installMissing: true,
      strict: false,
      nodeVersionMin: 20,
    });
  });
  it('takes node-version-min from 20 to 99, two digits, and refuses the rest naming the input', () => {
    expect(loadInputs(reader({ 'node-version-min': '24' })).nodeVersionMin).toBe(24);
    expect(loadInputs(reader({ 'node-version-min': ' 26 ' })).nodeVersionMin).toBe(26);
    for (const bad of ['18', '024', '24.1', 'latest', '100', '-24']) {
      expect(() => loadInputs(reader({ 'node-version-min': bad }))).toThrow(
        `The value '${bad}' is not valid for 'node-version-min'. Valid values are: a Node major version from 20 to 99 (e.g. 20 or 24)`,
      );
    }
  });
  it('takes spaces, commas and newlines, and drops duplicates', () => {
    expect(loadInputs(reader({ tools: 'helm,uv\nhelm  nox' })).tools).toEqual(['helm', 'uv', 'nox']);
  });
  it.each([
    [
      { tools: 'node pip' },
      "The value 'pip' is not valid for 'tools'. Valid values are: node, git, curl, tar, uv, nox, helm, kubeconform",
    ],
    [{ tools: ' ' }, "The value '' is not valid for 'tools'"],
    [{ strict: 'yes' }, "The value 'yes' is not valid for 'strict'. Valid values are: true, false"],
    [
      { 'install-missing': '1' },
      "The value '1' is not valid for 'install-missing'. Valid values are: true, false",
    ],
  ])('rejects %j with one clear line', (inputs, message) => {
    expect(() => loadInputs(reader(inputs))).toThrow(message);
  });
});

/** An Exec that answers from a table of outputs, as the real tools print them. */
const fakeExec =
  (outputs: Record<string, { output: string; exitCode?: number } | 'missing'>): Exec =>
  async (command) => {
    const answer = outputs[path.basename(command)];
    if (!answer || answer === 'missing') return { missing: true };
    return { missing: false, exitCode: answer.exitCode ?? 0, output: answer.output };
  };

describe('version probes', () => {
  const real = fakeExec({
    node: { output: 'v20.19.2\n' },
    git: { output: 'git version 2.47.3\n' },
    curl: {
      output: 'curl 8.14.1 (x86_64-pc-linux-gnu) libcurl/8.14.1 OpenSSL/3.5.1\nRelease-Date: 2025-06-04\n',
    },
    tar: { output: 'tar (GNU tar) 1.35\nCopyright (C) 2023 Free Software Foundation, Inc.\n' },
    uv: { output: `uv ${TOOLCHAIN.uv.version} (d5b8a2ba1 2025-10-01)\n` },
    // nox prints its version on stderr; the exec port joins both streams.
    nox: { output: `\n${TOOLCHAIN.nox.version}\n` },
    helm: { output: `v${TOOLCHAIN.helm.version}+g7877b45\n` },
    kubeconform: { output: `v${TOOLCHAIN.kubeconform.version}\n` },
  });

  it.each([
    ['node', '20.19.2'],
    ['git', '2.47.3'],
    ['curl', '8.14.1'],
    ['tar', '1.35'],
    ['uv', TOOLCHAIN.uv.version],
    ['nox', TOOLCHAIN.nox.version],
    ['helm', TOOLCHAIN.helm.version],
    ['kubeconform', TOOLCHAIN.kubeconform.version],
  ] as const)('%s: reads %s from what the tool prints and accepts it', async (tool, found) => {
    // node: the run compares it with node-version-min (default 20), not with the pinned 24.
    const expected =
      tool === 'node' ? '20' : tool in TOOLCHAIN ? TOOLCHAIN[tool as keyof typeof TOOLCHAIN].version : '';
    expect(await probeTool(real, tool, expected, {})).toMatchObject({ tool, status: 'ok', found });
  });

  it('takes node at node-version-min or any newer major (20, 24, 26 with the default; 24 asks for more)', async () => {
    for (const [found, min, status] of [
      ['20.19.2', '20', 'ok'],
      ['24.11.1', '20', 'ok'],
      ['26.12.1', '20', 'ok'],
      ['20.19.2', '24', 'mismatch'],
      ['24.0.0', '24', 'ok'],
      ['26.12.1', '24', 'ok'],
    ] as const) {
      const exec = fakeExec({ node: { output: `v${found}\n` } });
      expect([found, min, (await probeTool(exec, 'node', min, {})).status]).toEqual([found, min, status]);
    }
  });

  it('compares node by major only (at least node-version-min), the others exactly', async () => {
    const exec = fakeExec({
      node: { output: 'v18.19.0\n' },
      helm: { output: 'v3.16.3+gabcdef\n' },
      uv: { output: 'uv 0.8.24-rc1\n' },
    });
    expect(await probeTool(exec, 'node', '20.19.5', {})).toMatchObject({
      status: 'mismatch',
      found: '18.19.0',
    });
    expect(await probeTool(exec, 'helm', '3.16.4', {})).toMatchObject({
      status: 'mismatch',
      found: '3.16.3',
    });
    expect(await probeTool(exec, 'uv', '0.8.24', {})).toMatchObject({
      status: 'mismatch',
      found: '0.8.24-rc1',
    });
  });

  it('tells missing from broken', async () => {
    const exec = fakeExec({
      helm: { output: 'segfault', exitCode: 139 },
      kubeconform: { output: 'weird', exitCode: 0 },
    });
    expect(await probeTool(exec, 'uv', '0.8.24', {})).toMatchObject({ status: 'missing', found: '' });
    expect(await probeTool(exec, 'helm', '3.16.4', {})).toMatchObject({ status: 'missing' });
    expect(await probeTool(exec, 'kubeconform', '0.7.0', {})).toMatchObject({
      status: 'mismatch',
      found: 'unknown',
    });
  });
});

describe('static version probes', () => {
  /** An Exec that counts its calls and answers every one with a version that never matches. */
  const counting = () => {
    const calls: string[] = [];
    const exec: Exec = async (command) => {
      calls.push(command);
      return { missing: false, exitCode: 0, output: 'v0.0.1\n' };
    };
    return { exec, calls };
  };
  let bin: string;
  beforeAll(() => {
    bin = mkdtempSync(path.join(tmpdir(), 'ci-kit-static-probe-'));
    // The node on PATH is the one running this check: its version is known without starting it.
    symlinkSync(process.execPath, path.join(bin, 'node'));
  });
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it('reads node from the running process instead of starting it', async () => {
    const { exec, calls } = counting();
    const probe = await probeTool(exec, 'node', process.versions.node, { PATH: bin });
    expect([probe.status, probe.found, calls]).toEqual(['ok', process.versions.node, []]);
  });

  it('runs a command given by its path (a just-installed tool), and tools it cannot read', async () => {
    const { exec, calls } = counting();
    const env = { PATH: bin };
    expect(await probeTool(exec, 'node', process.versions.node, env, path.join(bin, 'node'))).toMatchObject({
      status: 'mismatch',
      found: '0.0.1',
    });
    expect(await probeTool(exec, 'uv', TOOLCHAIN.uv.version, env)).toMatchObject({ status: 'mismatch' });
    expect(calls).toEqual([path.join(bin, 'node'), 'uv']);
  });

  it('falls back to running the tool when the static reader knows nothing', async () => {
    const { exec, calls } = counting();
    const probe = await probeTool(
      exec,
      'node',
      process.versions.node,
      { PATH: bin },
      'node',
      () => undefined,
    );
    expect([probe.status, calls]).toEqual(['mismatch', ['node']]);
  });
});

describe('image manifest', () => {
  it('is absent without a warning, and unreadable with one', async () => {
    const log = new RecordingLogger();
    expect(await readImageManifest('/nonexistent/toolchain.json', log)).toBeUndefined();
    expect(log.lines('warning')).toEqual([]);
    expect(await readImageManifest(path.join(actionDir, 'action.yml'), log)).toBeUndefined();
    expect(log.hasMessage('is not valid JSON', 'warning')).toBe(true);
  });
});

interface Step {
  id?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}
const manifest = parse(readFileSync(path.join(actionDir, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

describe('setup-prewarmed-runner/action.yml', () => {
  const [bootstrap, check] = manifest.runs.steps as [Step, Step];

  it('is a composite of bootstrap.sh, then the bundled node part', () => {
    expect(manifest.runs.using).toBe('composite');
    expect(manifest.runs.steps).toHaveLength(2);
    expect(bootstrap.run).toBe('sh "$GITHUB_ACTION_PATH/bootstrap.sh"');
    expect(check.run).toContain('"$GITHUB_ACTION_PATH/../../dist/setup-prewarmed-runner/main.mjs"');
    for (const step of manifest.runs.steps) expect(step.shell).toBe('sh');
  });

  it('never expands an input inside run:, only in env:', () => {
    for (const step of manifest.runs.steps) expect(step.run).not.toMatch(/\$\{\{/);
  });

  it('gives the node step exactly the inputs its code reads, as INPUT_*', () => {
    // dash (Debian's sh) drops environment names containing '-': a dashed input name must come
    // from a dash-free variable, set again by env(1) in the run line itself.
    const reached: Record<string, string> = {};
    for (const [name, value] of Object.entries(check.env ?? {})) {
      expect([name, name.includes('-')]).toEqual([name, false]);
      if (name.startsWith('INPUT_')) reached[name] = value;
      const dashFree = /^CI_KIT_(INPUT_[A-Z_]+)$/.exec(name)?.[1];
      if (!dashFree) continue;
      const relay = [...(check.run ?? '').matchAll(/"(INPUT_[A-Z-]+)=\$(\w+)"/g)].find((m) => m[2] === name);
      expect(relay?.[2]).toBe(name);
      reached[relay?.[1] as string] = value;
    }
    expect(reached).toEqual(
      Object.fromEntries(
        Object.values(Inputs).map((name) => [`INPUT_${name.toUpperCase()}`, `\${{ inputs.${name} }}`]),
      ),
    );
  });

  it('hands every declared input to a step, and bootstrap.sh reads each one it is given', () => {
    const used = new Set(
      manifest.runs.steps.flatMap((step) =>
        Object.values(step.env ?? {}).flatMap((value) =>
          [...value.matchAll(/inputs\.([a-z-]+)/g)].map((m) => m[1]),
        ),
      ),
    );
    expect([...used].sort()).toEqual(Object.keys(manifest.inputs).sort());
    const script = readFileSync(path.join(actionDir, 'bootstrap.sh'), 'utf8');
    for (const name of Object.keys(bootstrap.env ?? {}))
      expect([name, script.includes(name)]).toEqual([name, true]);
  });

  it('maps each output from the node step under the same name', () => {
    expect(Object.keys(manifest.outputs).sort()).toEqual(Object.values(Outputs).sort());
    for (const [name, output] of Object.entries(manifest.outputs)) {
      expect(output.value).toBe(`\${{ steps.${check.id}.outputs.${name} }}`);
    }
  });

  it('passes bootstrap.sh outputs to the node step by env', () => {
    expect(check.env).toMatchObject({
      CI_KIT_NODE: `\${{ steps.${bootstrap.id}.outputs.node }}`,
      CI_KIT_BOOTSTRAP_INSTALLED: `\${{ steps.${bootstrap.id}.outputs.installed }}`,
    });
  });

  it('defaults match the design', () => {
    expect(
      Object.fromEntries(Object.entries(manifest.inputs).map(([name, input]) => [name, input.default])),
    ).toEqual({
      ...defaults,
      'apt-retries': '5',
      'node-version-min': '20',
    });
  });
});
