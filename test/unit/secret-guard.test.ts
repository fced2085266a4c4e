import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { detectForkPullRequest, loadEvent, UserError, type RunnerEvent } from '@ci-kit/runner';
import { RecordingLogger } from '../harness/recording-logger';
import { decide, presenceOf, type Presence } from '../../actions/secret-guard/src/decide';
import { loadInputs } from '../../actions/secret-guard/src/inputs';
import { masksFor } from '../../actions/secret-guard/src/masks';
import { Inputs, Outputs } from '../../actions/secret-guard/src/names';
import { run } from '../../actions/secret-guard/src/run';
import * as events from '../fixtures/pull-request-events';

const defaults: Record<string, string> = { require: 'all', 'on-missing': 'offline' };
const reader = (inputs: Record<string, string>) => (name: string) => ({ ...defaults, ...inputs })[name] ?? '';

describe('secret-guard action.yml', () => {
  const manifest = parse(
    readFileSync(fileURLToPath(new URL('../../actions/secret-guard/action.yml', import.meta.url)), 'utf8'),
  ) as {
    inputs: Record<string, { description?: string; default?: unknown; required?: boolean }>;
    outputs: Record<string, { description?: string }>;
    runs: { using: string; main: string };
  };

  it('declares exactly the inputs and outputs the code uses, each described', () => {
    expect(Object.keys(manifest.inputs).sort()).toEqual(Object.values(Inputs).sort());
    expect(Object.keys(manifest.outputs).sort()).toEqual(Object.values(Outputs).sort());
    for (const spec of [...Object.values(manifest.inputs), ...Object.values(manifest.outputs)]) {
      expect(spec.description?.length).toBeGreaterThan(10);
    }
  });

  it('has string defaults and runs the bundle on node24', () => {
    expect(manifest.inputs.secrets?.required).toBe(true);
    expect(manifest.inputs.require?.default).toBe('all');
    expect(manifest.inputs['on-missing']?.default).toBe('offline');
    expect(manifest.runs).toEqual({ using: 'node24', main: '../../dist/secret-guard/main.mjs' });
  });
});

describe('secret-guard inputs', () => {
  it('splits names on spaces, commas and newlines and keeps their order', () => {
    expect(loadInputs(reader({ secrets: ' OPENAI_API_KEY,ANTHROPIC_API_KEY\n\t_X1 ,, ' }))).toEqual({
      names: ['OPENAI_API_KEY', 'ANTHROPIC_API_KEY', '_X1'],
      duplicates: [],
      require: 'all',
      onMissing: 'offline',
    });
  });

  it('reports a name listed twice once', () => {
    const inputs = loadInputs(reader({ secrets: 'A B A, A\nB C' }));
    expect(inputs.names).toEqual(['A', 'B', 'C']);
    expect(inputs.duplicates).toEqual(['A', 'B']);
  });

  it('takes require and on-missing', () => {
    expect(loadInputs(reader({ secrets: 'A', require: 'any', 'on-missing': 'fail' }))).toMatchObject({
      require: 'any',
      onMissing: 'fail',
    });
  });

  it.each([
    [{ secrets: '' }, "secrets: required (environment variable names (letters, digits and '_'"],
    [{ secrets: ' ,\n ' }, 'secrets: required'],
    [
      { secrets: 'GOOD 1BAD' },
      "The value '1BAD' is not valid for 'secrets'. Valid values are: environment variable names",
    ],
    [{ secrets: 'MY-TOKEN' }, "The value 'MY-TOKEN' is not valid for 'secrets'"],
    [
      { secrets: 'A.B C$D A.B' },
      "The value 'A.B' is not valid for 'secrets'. Valid values are: environment variable names (letters, digits and '_', not starting with a digit), separated by spaces, commas or newlines (also not valid: 'C$D')",
    ],
    [{ secrets: '${{secrets.X}}' }, "The value '${{secrets.X}}' is not valid for 'secrets'"],
    [
      { secrets: 'A', require: 'some' },
      "The value 'some' is not valid for 'require'. Valid values are: all, any",
    ],
    [
      { secrets: 'A', 'on-missing': 'skip' },
      "The value 'skip' is not valid for 'on-missing'. Valid values are: offline, fail",
    ],
  ])('rejects %j with one clear line', (inputs, message) => {
    expect(() => loadInputs(reader(inputs))).toThrow(UserError);
    expect(() => loadInputs(reader(inputs))).toThrow(message);
  });

  // Forgejo refuses these as user secrets and gives every job its token under three of them, fork
  // pull requests included: a guard on one is always online, so it is refused with the way out.
  it.each([
    [
      'FORGEJO_TOKEN',
      "The value 'FORGEJO_TOKEN' is not valid for 'secrets'. Valid values are: names of secrets you configure; Forgejo reserves FORGEJO_TOKEN for the automatic job token, which every job gets (even on pull requests from forks, read-only there), so a guard on it is always online; store the secret under another name, e.g. PUSH_TOKEN",
    ],
    ['API_KEY github_token', "The value 'github_token' is not valid for 'secrets'.", 'e.g. PUSH_TOKEN'],
    ['Gitea_Token', 'Forgejo reserves Gitea_Token for the automatic job token', 'e.g. PUSH_TOKEN'],
    [
      'GITHUB_API_KEY, FORGEJO_TOKEN',
      "The value 'GITHUB_API_KEY' is not valid for 'secrets'. Valid values are: names of secrets you configure; Forgejo reserves names starting with FORGEJO_, GITEA_ or GITHUB_ (it refuses such secrets, and its automatic job token under those names is always present, even on pull requests from forks); store the secret under another name, e.g. MY_API_KEY (also reserved: 'FORGEJO_TOKEN')",
    ],
  ])('refuses the reserved name in %j, saying why and what to use instead', (secrets, ...parts) => {
    expect(() => loadInputs(reader({ secrets }))).toThrow(UserError);
    let message = '';
    try {
      loadInputs(reader({ secrets }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('\n');
    for (const part of parts) expect(message).toContain(part);
  });

  it('takes names that only contain a reserved word', () => {
    expect(loadInputs(reader({ secrets: 'PUSH_TOKEN MY_GITHUB_TOKEN FORGEJO' })).names).toEqual([
      'PUSH_TOKEN',
      'MY_GITHUB_TOKEN',
      'FORGEJO',
    ]);
  });
});

describe('presenceOf', () => {
  it.each([
    [undefined, 'unset'],
    ['', 'empty'],
    [' \t\n ', 'blank'],
    ['x', 'present'],
    ['  padded  ', 'present'],
  ])('%j is %s', (value, presence) => {
    expect(presenceOf(value)).toBe(presence);
  });
});

describe('decide', () => {
  const presence = (entries: Record<string, Presence>) => entries;

  it('is online with all-present when every secret is present', () => {
    expect(
      decide({
        names: ['A', 'B'],
        presence: presence({ A: 'present', B: 'present' }),
        require: 'all',
        fork: false,
      }),
    ).toEqual({ mode: 'online', available: true, present: ['A', 'B'], missing: [], reason: 'all-present' });
  });

  it('is offline with missing-secrets when one is missing on a non-fork run', () => {
    expect(
      decide({
        names: ['A', 'B'],
        presence: presence({ A: 'present', B: 'empty' }),
        require: 'all',
        fork: false,
      }),
    ).toEqual({
      mode: 'offline',
      available: false,
      present: ['A'],
      missing: ['B'],
      reason: 'missing-secrets',
    });
  });

  it('is offline with fork-pull-request on a fork run', () => {
    expect(
      decide({ names: ['A'], presence: presence({ A: 'empty' }), require: 'all', fork: true }),
    ).toMatchObject({ mode: 'offline', available: false, reason: 'fork-pull-request' });
  });

  it('with require: any is online when one is present, and the reason still says why others are missing', () => {
    expect(
      decide({
        names: ['A', 'B'],
        presence: presence({ A: 'unset', B: 'present' }),
        require: 'any',
        fork: false,
      }),
    ).toEqual({ mode: 'online', available: true, present: ['B'], missing: ['A'], reason: 'missing-secrets' });
    expect(
      decide({
        names: ['A', 'B'],
        presence: presence({ A: 'blank', B: 'unset' }),
        require: 'any',
        fork: false,
      }),
    ).toMatchObject({ mode: 'offline', available: false, present: [], missing: ['A', 'B'] });
  });

  it('calls a fork run with every secret present all-present (a forge set to give forks secrets)', () => {
    expect(decide({ names: ['A'], presence: { A: 'present' }, require: 'all', fork: true })).toMatchObject({
      mode: 'online',
      reason: 'all-present',
    });
  });

  it('counts unset, empty and whitespace-only as missing', () => {
    const decision = decide({
      names: ['A', 'B', 'C'],
      presence: { A: 'unset', B: 'empty', C: 'blank' },
      require: 'all',
      fork: false,
    });
    expect(decision.missing).toEqual(['A', 'B', 'C']);
  });
});

describe('masksFor', () => {
  it('masks the value, and each line of a multi-line value, trimmed and untrimmed', () => {
    expect(masksFor('single')).toEqual(['single']);
    expect(masksFor('ab')).toEqual(['ab']);
    expect(masksFor('-----BEGIN-----\r\n  abcd\n-----END-----\n')).toEqual([
      '-----BEGIN-----\r\n  abcd\n-----END-----\n',
      '-----BEGIN-----\r\n  abcd\n-----END-----',
      '-----BEGIN-----',
      '  abcd',
      'abcd',
      '-----END-----',
    ]);
  });
  it('never registers whitespace, nor a line too short or only punctuation to be secret', () => {
    expect(masksFor('   ')).toEqual([]);
    expect(masksFor('a\n \n\nb')).toEqual(['a\n \n\nb']);
    expect(masksFor('{\n  "k": "v1234"\n},\n-----\n]);\nabc')).toEqual([
      '{\n  "k": "v1234"\n},\n-----\n]);\nabc',
      '  "k": "v1234"',
      '"k": "v1234"',
    ]);
  });
});

describe('loadEvent', () => {
  const files: Record<string, string> = {
    '/ev/ok.json': '{"pull_request":{"number":1}}',
    '/ev/bad.json': '{',
    '/ev/list.json': '[]',
  };
  const readFile = (file: string): string => {
    const text = files[file];
    if (text === undefined) throw new Error(`ENOENT: no such file, open '${file}'`);
    return text;
  };

  it('reads the payload and the event name', () => {
    expect(
      loadEvent({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: '/ev/ok.json' }, readFile),
    ).toEqual({
      name: 'pull_request',
      payload: { pull_request: { number: 1 } },
    });
  });

  it.each([
    [{ GITHUB_EVENT_NAME: 'push' }, 'GITHUB_EVENT_PATH is not set'],
    [{ GITHUB_EVENT_PATH: '/ev/missing.json' }, 'cannot read /ev/missing.json: ENOENT'],
    [{ GITHUB_EVENT_PATH: '/ev/bad.json' }, '/ev/bad.json is not valid JSON'],
    [{ GITHUB_EVENT_PATH: '/ev/list.json' }, '/ev/list.json does not hold a JSON object'],
  ])('gives no payload, not a crash, for %j', (env, problem) => {
    const event = loadEvent(env, readFile);
    expect(event.payload).toBeUndefined();
    expect(event.problem).toContain(problem);
  });

  it('reads a real file', () => {
    const event = loadEvent({
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: fileURLToPath(new URL('nope.json', import.meta.url)),
    });
    expect(event).toMatchObject({ name: 'push', payload: undefined });
  });
});

describe('detectForkPullRequest', () => {
  it.each([
    [
      'Forgejo fork',
      'pull_request',
      events.forgejoForkPullRequest,
      true,
      'head repository alice/example-project differs from base ops/example-project',
    ],
    [
      'Forgejo same repository',
      'pull_request',
      events.forgejoSameRepoPullRequest,
      false,
      'pull request within ops/example-project',
    ],
    ['Forgejo AGit flow', 'pull_request', events.forgejoAgitPullRequest, true, 'AGit-flow'],
    ['Forgejo head repository gone', 'pull_request', events.forgejoHeadRepoGone, true, 'no longer exists'],
    [
      'same repository that is itself a fork',
      'pull_request',
      events.forgejoSameRepoInsideAFork,
      false,
      'within bob/example-project',
    ],
    ['GitHub fork', 'pull_request', events.githubForkPullRequest, true, 'differs from base'],
    [
      'GitHub same repository',
      'pull_request',
      events.githubSameRepoPullRequest,
      false,
      'within ops/example-project',
    ],
    ['GitHub deleted fork', 'pull_request', events.githubDeletedFork, true, 'no longer exists'],
    ['GitHub review of a fork PR', 'pull_request_review', events.githubForkPullRequest, true, 'differs'],
    [
      'GitHub review comment on a fork PR',
      'pull_request_review_comment',
      events.githubForkPullRequest,
      true,
      'differs',
    ],
    [
      'pull_request_target from a fork',
      'pull_request_target',
      events.githubForkPullRequest,
      false,
      'pull_request_target',
    ],
    ['push', 'push', events.pushEvent, false, 'not a pull request event (push)'],
    ['no event name', '', undefined, false, 'not a pull request event (unknown)'],
    ['pull_request without payload', 'pull_request', undefined, false, 'without a pull_request'],
  ])('%s', (_label, eventName, payload, fork, why) => {
    const check = detectForkPullRequest(eventName, payload as Record<string, unknown> | undefined);
    expect(check.fork).toBe(fork);
    expect(check.why).toContain(why);
  });

  // Forgejo v13 sends pull_request.flow (1: AGit, 0: a branch); it decides before any label heuristic,
  // because Forgejo v16 no longer empties head.label for AGit pull requests.
  it.each([
    ['Forgejo v13 AGit (flow 1, empty head.label)', events.forgejoV13AgitPullRequest],
    ['Forgejo v16 AGit (flow 1, head.label set)', events.forgejoV16AgitPullRequest],
  ])('%s is a fork, and the reason names AGit and pull_request.flow', (_label, payload) => {
    expect(detectForkPullRequest('pull_request', payload)).toEqual({
      fork: true,
      why: 'AGit pull request (pull_request.flow: 1, pushed to refs/for/<branch>/<topic>), treated as a fork',
    });
  });

  it('takes flow 0 as a branch pull request and compares the repositories', () => {
    expect(detectForkPullRequest('pull_request', events.forgejoV13SameRepoPullRequest)).toEqual({
      fork: false,
      why: 'pull request within ops/example-project',
    });
    expect(detectForkPullRequest('pull_request', events.forgejoV13ForkPullRequest).fork).toBe(true);
    // flow 0 is the server's word: an empty label no longer makes it AGit.
    const pr = events.forgejoV13SameRepoPullRequest.pull_request as Record<string, unknown>;
    const emptied = {
      ...events.forgejoV13SameRepoPullRequest,
      pull_request: { ...pr, head: { ...(pr.head as object), label: '', ref: 'refs/pull/12/head' } },
    };
    expect(detectForkPullRequest('pull_request', emptied).fork).toBe(false);
  });

  it('keeps the head.label heuristic for servers that send no flow', () => {
    expect(detectForkPullRequest('pull_request', events.forgejoAgitPullRequest)).toEqual({
      fork: true,
      why: 'AGit-flow pull request (empty head.label, head.ref refs/pull/<n>/head; this server sends no pull_request.flow), treated as a fork',
    });
  });

  it('reads pull_request_target from an AGit pull request as the base repository (secrets given)', () => {
    expect(detectForkPullRequest('pull_request_target', events.forgejoV16AgitPullRequest).fork).toBe(false);
  });

  it('compares by full_name, case-insensitively, when ids are missing', () => {
    const payload = (head: string, base: string) => ({
      pull_request: {
        head: { label: 'x:y', repo: { full_name: head } },
        base: { repo: { full_name: base } },
      },
    });
    expect(detectForkPullRequest('pull_request', payload('Ops/Project', 'ops/project')).fork).toBe(false);
    expect(detectForkPullRequest('pull_request', payload('eve/project', 'ops/project')).fork).toBe(true);
  });

  it('falls back to head.repo.fork, then to assuming a fork, when nothing identifies the repositories', () => {
    const payload = (repo: Record<string, unknown>) => ({
      pull_request: { head: { label: 'x', repo }, base: {} },
    });
    expect(detectForkPullRequest('pull_request', payload({ fork: false })).fork).toBe(false);
    expect(detectForkPullRequest('pull_request', payload({ fork: true })).fork).toBe(true);
    expect(detectForkPullRequest('pull_request', payload({})).fork).toBe(true);
  });

  it('uses payload.repository when base.repo is absent', () => {
    const payload = {
      pull_request: { head: { label: 'b', repo: { id: 5, full_name: 'a/b' } }, base: { ref: 'main' } },
      repository: { id: 5, full_name: 'a/b' },
    };
    expect(detectForkPullRequest('pull_request', payload).fork).toBe(false);
  });

  it('never echoes a repository name that is not owner/name', () => {
    const payload = {
      pull_request: {
        head: { label: 'x', repo: { id: 2, full_name: '::warning::evil\nname' } },
        base: { repo: { id: 1, full_name: 'ops/p' } },
      },
    };
    const check = detectForkPullRequest('pull_request', payload);
    expect(check).toEqual({
      fork: true,
      why: 'head repository (unnamed repository) differs from base ops/p',
    });
  });
});

describe('secret-guard run (ports)', () => {
  function harness(
    env: Record<string, string>,
    inputs: Record<string, string>,
    event: RunnerEvent = { name: 'push', payload: {} },
  ) {
    const log = new RecordingLogger();
    const order: string[] = [];
    const outputs: Record<string, string> = {};
    const masks: string[] = [];
    const go = () =>
      run({
        read: reader(inputs),
        env,
        log: {
          info: (m) => (order.push('log'), log.info(m)),
          warning: (m) => (order.push('log'), log.warning(m)),
          debug: (m) => (order.push('log'), log.debug(m)),
          group: (name, fn) => (order.push('log'), log.group(name, fn)),
        },
        mask: (value) => (order.push('mask'), masks.push(value)),
        setOutput: (name, value) => (order.push('output'), (outputs[name] = value)),
        loadEvent: () => event,
      });
    return { go, log, order, outputs, masks };
  }

  it('masks every value before any log line or output, and never logs a value', async () => {
    const h = harness({ A: 'alpha-secret', B: 'line-1\nline-2', C: '  ' }, { secrets: 'A B C D' });
    await h.go();
    expect(h.masks).toEqual(['alpha-secret', 'line-1\nline-2', 'line-1', 'line-2']);
    const firstOther = h.order.findIndex((step) => step !== 'mask');
    expect(h.order.slice(0, firstOther).every((step) => step === 'mask')).toBe(true);
    expect(h.order.slice(firstOther)).not.toContain('mask');
    for (const line of h.log.lines()) {
      expect(line).not.toMatch(/alpha-secret|line-1|line-2/);
    }
    expect(h.outputs).toEqual({
      mode: 'offline',
      available: 'false',
      present: 'A,B',
      missing: 'C,D',
      fork: 'false',
      reason: 'missing-secrets',
    });
  });

  it('says how each missing secret is missing', async () => {
    const h = harness({ A: '', B: ' ', OK: 'v' }, { secrets: 'A B C OK OK' });
    await h.go();
    expect(h.log.lines()).toEqual(
      expect.arrayContaining([
        'OK is listed more than once; checked once',
        'A: missing: empty (not configured in the repository/organization settings, or empty)',
        'B: missing: whitespace only',
        "C: missing: not in this step's environment (pass it in the step's env: as C: ${{ secrets.C }})",
        'OK: present',
        'Event: not a pull request event (push)',
        'Mode: offline (require: all, reason: missing-secrets)',
      ]),
    );
  });

  it('with on-missing: fail sets the outputs, then fails naming the missing secrets and the cause', async () => {
    const h = harness({ A: 'x', B: '' }, { secrets: 'A B C', 'on-missing': 'fail' });
    await expect(h.go()).rejects.toThrow(
      "Missing secrets (unset, empty or whitespace only): B, C. Each must be configured in the repository/organization settings (an unconfigured secret reads as empty) and passed to this step through env:. Not in this step's environment: C; pass each in the step's env:, e.g. C: ${{ secrets.C }}.",
    );
    expect(h.outputs.mode).toBe('offline');
  });

  it('on a fork pull request, fails with the fork cause', async () => {
    const h = harness(
      { A: '' },
      { secrets: 'A', 'on-missing': 'fail' },
      { name: 'pull_request', payload: events.forgejoForkPullRequest },
    );
    await expect(h.go()).rejects.toThrow(
      'Missing secrets: A. This run is a pull request from a fork, and secrets are not given to pull requests from forks',
    );
    expect(h.outputs).toMatchObject({ fork: 'true', reason: 'fork-pull-request' });
  });

  it('on an AGit pull request (flow 1, label set as in Forgejo v16), takes the offline path and says AGit', async () => {
    const h = harness(
      { A: '' },
      { secrets: 'A' },
      { name: 'pull_request', payload: events.forgejoV16AgitPullRequest },
    );
    await h.go();
    expect(h.outputs).toMatchObject({ mode: 'offline', fork: 'true', reason: 'fork-pull-request' });
    expect(h.log.lines()).toContain(
      'Event: AGit pull request (pull_request.flow: 1, pushed to refs/for/<branch>/<topic>), treated as a fork (fork: no secrets are given to this run)',
    );
  });

  it('with on-missing: fail does not fail when require: any is met', async () => {
    const h = harness({ A: 'x' }, { secrets: 'A B', require: 'any', 'on-missing': 'fail' });
    await h.go();
    expect(h.outputs).toMatchObject({
      mode: 'online',
      available: 'true',
      missing: 'B',
      reason: 'missing-secrets',
    });
  });

  it('reads no value and prints nothing when an input is bad', async () => {
    const h = harness({ A: 'alpha' }, { secrets: 'A', require: 'most' });
    await expect(h.go()).rejects.toThrow("The value 'most' is not valid for 'require'");
    expect(h.order).toEqual([]);
  });
});
