// Registering a runner on the real Forgejo server, as the bench does for every e2e file. Once, on a
// loaded CI machine, the server answered "runner registration token not found" for the token its CLI
// had just printed, and a whole e2e file failed before its first job. The bench now registers as a
// runner admin would: it asks the server for its token again and retries, twice at most, and only for
// answers a retry can change; the error lists every attempt and where the server's log is.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateRunnerToken, haveForgejoServer } from '../harness/forgejo-server';
import { startServerProcess } from '../harness/forgejo-server/process';
import { startRunner, type RegistrationTokens, type Runner } from '../harness/forgejo-server/runner';

const unavailable = haveForgejoServer()
  ? ''
  : 'no .tools/forgejo (run npm run setup-tools: it builds Forgejo v13.0.5)';
if (unavailable) console.log(`forgejo-runner-register e2e skipped: ${unavailable}`);
const describeIf = unavailable ? describe.skip : describe;

/** 40 letters and digits, the shape of a real token, that the server never made. */
const UNKNOWN_TOKEN = 'X'.repeat(40);

let scratch: string;
let server: Awaited<ReturnType<typeof startServerProcess>>;
const runners: Runner[] = [];

/** A one-job host-mode runner of its own folder, registered with the tokens given. */
async function register(name: string, tokens: RegistrationTokens): Promise<Runner> {
  return startRunner(server.url, tokens, path.join(scratch, name), path.join(scratch, 'logs'), {
    name,
    labels: ['docker:host'],
    capacity: 1,
  });
}

describeIf('registering a runner on the real Forgejo server', () => {
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-register-'));
    server = await startServerProcess(path.join(scratch, 'server'), path.join(scratch, 'logs/server'));
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(runners.map((runner) => runner.stop()));
    await server?.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('a token the server does not know is asked for again, and the runner registers', async () => {
    const asked: boolean[] = [];
    const tokens = async (renew: boolean): Promise<string> => {
      asked.push(renew);
      return asked.length === 1 ? UNKNOWN_TOKEN : generateRunnerToken(server);
    };
    const runner = await register('retried', tokens);
    runners.push(runner);
    expect(asked).toEqual([false, true]);
  }, 90_000);

  it('gives up after three attempts, naming each answer and the server log', async () => {
    const tokens = async (): Promise<string> => UNKNOWN_TOKEN;
    const failed = await register('refused', tokens).then(
      (runner) => {
        runners.push(runner);
        return undefined;
      },
      (err: Error) => err.message,
    );
    expect(failed).toMatch(
      /forgejo-runner register failed 3 time\(s\); the server's log: .*\/logs\/server\/gitea\.log/,
    );
    for (const attempt of [1, 2, 3]) {
      expect(failed).toMatch(
        new RegExp(`attempt ${attempt} \\(exit 1\\): [^]*runner registration token not found`),
      );
    }
    expect(failed).not.toMatch(/attempt 4/);
    expect(failed).toMatch(/its last lines:\n.*\S/);
  }, 90_000);
});
