// Every workflow example users can copy (```yaml blocks in README.md, docs/*.md and actions/*/README.md,
// and examples/workflows/*.yml) is checked against the real action.yml files: each `uses:` of ours names
// an action that exists, at a tag or commit; each `with:` key is a declared input and every required
// input is given; each `steps.<id>.outputs.<name>` names a step of the same example and an output that
// step's action declares. Docs can then only drift from the code by failing this test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '../..');

interface ActionSpec {
  inputs: Map<string, { required: boolean }>;
  outputs: Set<string>;
}

function loadAction(name: string): ActionSpec | undefined {
  const file = path.join(root, 'actions', name, 'action.yml');
  if (!existsSync(file)) return undefined;
  const raw = parse(readFileSync(file, 'utf8')) as {
    inputs?: Record<string, { required?: unknown; default?: unknown } | null>;
    outputs?: Record<string, unknown>;
  };
  const inputs = new Map<string, { required: boolean }>();
  for (const [name, spec] of Object.entries(raw.inputs ?? {})) {
    const required = (spec?.required === true || spec?.required === 'true') && spec?.default === undefined;
    inputs.set(name, { required });
  }
  return { inputs, outputs: new Set(Object.keys(raw.outputs ?? {})) };
}

/** One YAML text users may copy, with where it came from for messages. */
interface Example {
  where: string;
  text: string;
}

function markdownExamples(relative: string): Example[] {
  const lines = readFileSync(path.join(root, relative), 'utf8').split('\n');
  const examples: Example[] = [];
  let start = -1;
  let body: string[] = [];
  lines.forEach((line, index) => {
    if (start < 0 && /^\s*```ya?ml\s*$/.test(line)) {
      start = index + 1;
      body = [];
    } else if (start >= 0 && /^\s*```\s*$/.test(line)) {
      examples.push({ where: `${relative}:${start}`, text: body.join('\n') });
      start = -1;
    } else if (start >= 0) {
      body.push(line);
    }
  });
  if (start >= 0) throw new Error(`${relative}:${start}: unterminated yaml block`);
  return examples;
}

function listFiles(dir: string, pattern: RegExp): string[] {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => path.posix.join(dir, name));
}

const actionNames = readdirSync(path.join(root, 'actions'))
  .filter((name) => existsSync(path.join(root, 'actions', name, 'action.yml')))
  .sort();

const markdownFiles = [
  'README.md',
  ...listFiles('docs', /\.md$/),
  ...actionNames
    .map((name) => `actions/${name}/README.md`)
    .filter((file) => existsSync(path.join(root, file))),
];
const workflowFiles = listFiles('examples/workflows', /\.ya?ml$/);

const examples: Example[] = [
  ...markdownFiles.flatMap(markdownExamples),
  ...workflowFiles.map((file) => ({ where: file, text: readFileSync(path.join(root, file), 'utf8') })),
];

/** `uses:` of one of our actions: the full-URL or owner/repo form at a ref, or ./actions/<name> in this repository. */
export function ourAction(uses: string): { name: string; ref?: string } | undefined {
  const remote = /(?:^|\/)forgejo-ci-kit\/actions\/([^@\s/]+)\/?(?:@(.*))?$/.exec(uses.trim());
  if (remote) return { name: remote[1] as string, ...(remote[2] !== undefined ? { ref: remote[2] } : {}) };
  const local = /^\.\/actions\/([^@\s/]+)\/?$/.exec(uses.trim());
  if (local) return { name: local[1] as string, ref: 'local' };
  return undefined;
}

/** A release tag (v1, v1.2.3), a full commit SHA, or a documented placeholder such as <commit sha of v1.0.0>. */
const REF = /^(v\d+(\.\d+\.\d+)?|[0-9a-f]{40}|<[^>]+>|local)$/;
const RESERVED_SECRET = /^(FORGEJO_|GITEA_|GITHUB_)/i;
const OUTPUT_REF = /\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g;

type Step = Record<string, unknown>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStepList(value: unknown): value is Step[] {
  return Array.isArray(value) && value.some((item) => isObject(item) && ('uses' in item || 'run' in item));
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => strings(item, out));
  else if (isObject(value)) Object.values(value).forEach((item) => strings(item, out));
  return out;
}

interface Checked {
  problems: string[];
  /** Actions of ours that this example uses, for the coverage check. */
  used: Set<string>;
}

/** Checks one list of steps; `scope` is what may refer to them (the job, or the list itself). */
function checkSteps(where: string, steps: Step[], scope: unknown, result: Checked): void {
  const ids = new Map<string, string | undefined>();
  for (const step of steps) {
    if (!isObject(step)) continue;
    const uses = typeof step.uses === 'string' ? step.uses : undefined;
    const ours = uses ? ourAction(uses) : undefined;
    if (typeof step.id === 'string') ids.set(step.id, ours?.name);
    if (!uses || !ours) continue;
    result.used.add(ours.name);
    const action = loadAction(ours.name);
    if (!action) {
      result.problems.push(
        `${where}: uses ${uses}: there is no action ${ours.name} (actions/${ours.name}/action.yml)`,
      );
      continue;
    }
    if (ours.ref === undefined)
      result.problems.push(`${where}: uses ${uses}: no @ref; pin a tag or a commit SHA`);
    else if (!REF.test(ours.ref))
      result.problems.push(`${where}: uses ${uses}: ref '${ours.ref}' is not a release tag or a commit SHA`);
    const given = isObject(step.with) ? Object.keys(step.with) : [];
    if (step.with !== undefined && !isObject(step.with))
      result.problems.push(`${where}: ${ours.name}: with: is not a mapping`);
    for (const input of given) {
      if (!action.inputs.has(input)) {
        result.problems.push(
          `${where}: ${ours.name} has no input '${input}' (inputs: ${[...action.inputs.keys()].join(', ')})`,
        );
      }
    }
    for (const [input, spec] of action.inputs) {
      if (spec.required && !given.includes(input))
        result.problems.push(`${where}: ${ours.name}: required input '${input}' is missing`);
    }
    // Forgejo refuses these as secrets and gives every job its token under three of them (fork pull
    // requests too): secret-guard refuses them, and an example guarding one would always be online.
    const secrets =
      isObject(step.with) && ours.name === 'secret-guard' ? String(step.with.secrets ?? '') : '';
    for (const name of secrets.split(/[\s,]+/).filter((item) => RESERVED_SECRET.test(item)))
      result.problems.push(`${where}: secret-guard: '${name}' is reserved by Forgejo and cannot be guarded`);
  }
  for (const text of strings(scope)) {
    for (const [, id, output] of text.matchAll(OUTPUT_REF)) {
      if (!ids.has(id as string)) {
        result.problems.push(
          `${where}: steps.${id}.outputs.${output}: no step has id '${id}' in this example`,
        );
        continue;
      }
      const name = ids.get(id as string);
      const action = name ? loadAction(name) : undefined;
      if (action && !action.outputs.has(output as string)) {
        result.problems.push(
          `${where}: steps.${id}.outputs.${output}: ${name} has no output '${output}' (outputs: ${[...action.outputs].join(', ')})`,
        );
      }
    }
  }
}

function checkExample(example: Example): Checked {
  const result: Checked = { problems: [], used: new Set() };
  let doc: unknown;
  try {
    doc = parse(example.text);
  } catch (error) {
    result.problems.push(`${example.where}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    return result;
  }
  if (isObject(doc) && 'uses' in doc) doc = [doc];
  const visit = (node: unknown, parent: unknown): void => {
    if (isStepList(node)) {
      const scope = isObject(parent) && parent.steps === node ? parent : node;
      checkSteps(example.where, node, scope, result);
      return;
    }
    if (Array.isArray(node)) node.forEach((item) => visit(item, node));
    else if (isObject(node)) Object.values(node).forEach((item) => visit(item, node));
  };
  visit(doc, undefined);
  return result;
}

describe('workflow examples in the docs', () => {
  const results = examples.map((example) => ({ example, ...checkExample(example) }));

  it('finds the examples (README, docs, action READMEs, examples/workflows)', () => {
    expect(markdownFiles).toContain('README.md');
    expect(workflowFiles.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.used.size > 0).length).toBeGreaterThan(5);
  });

  it.each(examples.map((example) => example.where))('%s matches the action.yml files', (where) => {
    const result = results.find((r) => r.example.where === where) as (typeof results)[number];
    expect(result.problems).toEqual([]);
  });

  it('shows every action in at least one checked example', () => {
    const used = new Set(results.flatMap((r) => [...r.used]));
    expect(actionNames.filter((name) => !used.has(name))).toEqual([]);
  });

  it('recognises our uses: forms and no others', () => {
    expect(ourAction('https://forge.example/ops/forgejo-ci-kit/actions/cached-tool@v1')).toEqual({
      name: 'cached-tool',
      ref: 'v1',
    });
    expect(ourAction('your-org/forgejo-ci-kit/actions/prepare-python@v1.0.0')).toEqual({
      name: 'prepare-python',
      ref: 'v1.0.0',
    });
    expect(ourAction('./actions/secret-guard')).toEqual({ name: 'secret-guard', ref: 'local' });
    expect(ourAction('https://forge.example/ops/forgejo-ci-kit/actions/cached-tool')).toEqual({
      name: 'cached-tool',
    });
    expect(ourAction('actions/checkout@v4')).toBeUndefined();
    expect(ourAction('actions/cache@v4')).toBeUndefined();
  });

  it('catches drift: an unknown input, a missing required input, an unknown output or step id', () => {
    const drift = checkExample({
      where: 'drift',
      text: [
        '- uses: https://forge.example/ops/forgejo-ci-kit/actions/cached-tool@v1',
        '  id: t',
        '  with: { tool: helm, versoin: 1.0.0 }',
        '- uses: https://forge.example/ops/forgejo-ci-kit/actions/secret-guard@main',
        '- uses: https://forge.example/ops/forgejo-ci-kit/actions/no-such-action@v1',
        '- run: echo ${{ steps.t.outputs.paht }} ${{ steps.nope.outputs.mode }}',
      ].join('\n'),
    });
    expect(drift.problems).toEqual([
      expect.stringContaining("cached-tool has no input 'versoin'"),
      expect.stringContaining("ref 'main' is not a release tag"),
      expect.stringContaining("secret-guard: required input 'secrets' is missing"),
      expect.stringContaining('there is no action no-such-action'),
      expect.stringContaining("cached-tool has no output 'paht'"),
      expect.stringContaining("no step has id 'nope'"),
    ]);
  });
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

describe('links in the docs', () => {
  const generated = listFiles('action-docs', /\.md$/);
  it.each(
    [...markdownFiles, 'CHANGELOG.md', ...generated].filter((file) => existsSync(path.join(root, file))),
  )('%s links only to files and headings that exist', (file) => {
    const text = readFileSync(path.join(root, file), 'utf8').replace(/```[\s\S]*?```/g, '');
    const headings = new Set([...text.matchAll(/^#+ (.+)$/gm)].map((match) => slug(match[1] as string)));
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const link = target as string;
      if (/^[a-z]+:/.test(link)) continue; // https:, mailto:
      const [where, anchor] = link.split('#');
      if (!where) {
        if (!headings.has(anchor as string)) broken.push(link);
      } else if (!existsSync(path.resolve(root, path.dirname(file), where))) {
        broken.push(link);
      }
    }
    expect(broken).toEqual([]);
  });
});
