// The template's helm job validates the rendered chart with kubeconform and keeps kubeconform's schema
// cache in the Actions cache. This proves the flags it uses make validation work offline once warm: the
// real kubeconform, schemas served once by a loopback server (the default location is on the internet),
// then the same command with the server gone.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { repoRoot } from '../harness/runner';
import { startMirror, type Mirror } from '../harness/mirror';
import { toolsBin } from '../harness/tools-bin';

let mirror: Mirror;
let dir: string;

/** The kubeconform flags of the template's helm job, as its run step has them. */
function templateFlags(): string[] {
  const workflow = parse(readFileSync(path.join(repoRoot, 'examples/workflows/python-ci.yml'), 'utf8')) as {
    jobs: { helm: { env: Record<string, string>; steps: Array<{ run?: string }> } };
  };
  const run =
    workflow.jobs.helm.steps.map((step) => step.run ?? '').find((text) => text.includes('kubeconform')) ?? '';
  const command =
    run
      .replace(/\\\n\s*/g, ' ')
      .split(/(?:^|[\s|])kubeconform\s/)
      .pop() ?? '';
  return command
    .trim()
    .split(/\s+/)
    .map((arg) => arg.replace(/^"\$KUBERNETES_VERSION"$/, workflow.jobs.helm.env.KUBERNETES_VERSION ?? ''));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ci-kit-kubeconform-'));
  mirror = await startMirror();
  mirror.addDir(path.join(repoRoot, 'test/e2e/fixtures/example-project/schemas'), '/schemas');
});

afterAll(async () => {
  await mirror?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("the template's kubeconform step", () => {
  it('validates from its cache folder with no network once the schemas were fetched once', async () => {
    const flags = templateFlags();
    expect(flags).toEqual(
      expect.arrayContaining(['-cache', '.kubeconform-cache', '-kubernetes-version', '1.31.0']),
    );
    mkdirSync(path.join(dir, '.kubeconform-cache'));
    writeFileSync(
      path.join(dir, 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\n',
    );
    const validate = () =>
      promisify(execFile)(
        toolsBin('kubeconform'),
        [
          ...flags,
          '-schema-location',
          `${mirror.url}/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
          'cm.yaml',
        ],
        { cwd: dir },
      );
    const cold = await validate();
    expect(cold.stdout).toContain('Valid: 1, Invalid: 0, Errors: 0, Skipped: 0');
    expect(mirror.requests.map((r) => r.path)).toEqual(['/schemas/configmap-v1.json']);

    // The Actions cache brought the folder back; the schema host is gone.
    await mirror.stop();
    const warm = await validate();
    expect(warm.stdout).toContain('Valid: 1, Invalid: 0, Errors: 0, Skipped: 0');
  });
});
