// The Forgejo server process (v13.0.5, built by scripts/setup-tools.sh into .tools/forgejo): its
// app.ini, `forgejo web` on 127.0.0.1 in a temp work folder, and its CLI on the same config.
// The settings are the ones ../shared/vendor/forgejo/README.md saw working: sqlite, INSTALL_LOCK,
// DEFAULT_ACTIONS_URL = self (so `uses: actions/checkout@v4` resolves on this server), OFFLINE_MODE,
// the default (level) queue, root allowed (these machines run as root).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../action-manifest';
import { freePort } from '../forgejo-cache';
import { runGroup } from '../runners/process';

/** Where setup-tools puts the server and the source tree it reads templates and locales from. */
export const FORGEJO_HOME = path.join(repoRoot, '.tools/forgejo');
export const FORGEJO_BIN = path.join(FORGEJO_HOME, 'bin/forgejo');
const STATIC_ROOT = path.join(FORGEJO_HOME, 'src/forgejo');

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** Whether setup-tools built the server (the e2e files that need it skip, saying so, otherwise). */
export function haveForgejoServer(): boolean {
  return existsSync(FORGEJO_BIN) && existsSync(path.join(STATIC_ROOT, 'templates'));
}

export interface ServerProcess {
  url: string;
  port: number;
  work: string;
  config: string;
  /** The server's own log folder (kept with the test's logs). */
  logDir: string;
  /** `forgejo <args> --work-path … --config …`; resolves with stdout, throws with stderr. */
  cli(args: string[]): Promise<string>;
  stop(): Promise<void>;
}

function appIni(work: string, port: number, logDir: string): string {
  return `APP_NAME = ci-kit e2e
RUN_USER = root
RUN_MODE = prod
; these machines run as root; Forgejo refuses root otherwise
I_AM_BEING_UNSAFE_RUNNING_AS_ROOT = true
WORK_PATH = ${work}

[server]
PROTOCOL = http
HTTP_ADDR = 127.0.0.1
HTTP_PORT = ${port}
DOMAIN = 127.0.0.1
ROOT_URL = http://127.0.0.1:${port}/
LOCAL_ROOT_URL = http://127.0.0.1:${port}/
DISABLE_SSH = true
START_SSH_SERVER = false
OFFLINE_MODE = true
STATIC_ROOT_PATH = ${STATIC_ROOT}
APP_DATA_PATH = ${work}/data
LFS_START_SERVER = false

[database]
DB_TYPE = sqlite3
PATH = ${work}/data/forgejo.db
SQLITE_JOURNAL_MODE = WAL
; a busy CI machine may hold a write longer than the default 500 ms
SQLITE_TIMEOUT = 5000

[repository]
ROOT = ${work}/repos
DEFAULT_BRANCH = main

[security]
INSTALL_LOCK = true
SECRET_KEY = ${randomBytes(24).toString('hex')}
INTERNAL_TOKEN = ${randomBytes(48).toString('base64url')}
PASSWORD_HASH_ALGO = pbkdf2_hi
MIN_PASSWORD_LENGTH = 8
PASSWORD_COMPLEXITY = off

[oauth2]
ENABLED = false

[service]
DISABLE_REGISTRATION = true
REQUIRE_SIGNIN_VIEW = false
DEFAULT_KEEP_EMAIL_PRIVATE = true

[mailer]
ENABLED = false

[actions]
ENABLED = true
DEFAULT_ACTIONS_URL = self

[log]
MODE = file
LEVEL = Info
ROOT_PATH = ${logDir}

[cron.update_checker]
ENABLED = false

[other]
SHOW_FOOTER_VERSION = false
`;
}

async function waitForVersion(url: string, child: ChildProcess, logDir: string): Promise<string> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = String(code ?? signal)));
  for (;;) {
    if (exited !== undefined) {
      throw new Error(`forgejo web exited (${exited}) before answering; its log: ${logDir}/forgejo.log`);
    }
    try {
      const res = await fetch(`${url}/api/v1/version`);
      if (res.ok) return ((await res.json()) as { version: string }).version;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `forgejo web not answering ${url}/api/v1/version after ${READY_TIMEOUT_MS} ms; log: ${logDir}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Writes the config and starts `forgejo web`; resolves once /api/v1/version answers. */
export async function startServerProcess(
  work: string,
  logDir: string,
): Promise<ServerProcess & { version: string }> {
  if (!haveForgejoServer()) {
    throw new Error(`no Forgejo server at ${FORGEJO_BIN}: run npm run setup-tools (it builds v13.0.5 once)`);
  }
  const port = await freePort();
  const config = path.join(work, 'custom/conf/app.ini');
  await mkdir(path.dirname(config), { recursive: true });
  await mkdir(path.join(work, 'data'), { recursive: true });
  await mkdir(logDir, { recursive: true });
  await writeFile(config, appIni(work, port, logDir));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: work,
    USER: 'root',
    GITEA_WORK_DIR: work,
    FORGEJO_WORK_DIR: work,
  };
  const child = spawn(FORGEJO_BIN, ['web', '--work-path', work, '--config', config], {
    cwd: work,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }, STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  let version: string;
  try {
    version = await waitForVersion(url, child, logDir);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  return {
    url,
    port,
    work,
    config,
    logDir,
    version,
    async cli(args) {
      const {
        exitCode,
        stdout,
        stderr: err,
      } = await runGroup(FORGEJO_BIN, [...args, '--work-path', work, '--config', config], {
        cwd: work,
        env,
        timeoutMs: 60_000,
        what: `forgejo ${args.slice(0, 3).join(' ')}`,
      });
      if (exitCode !== 0)
        throw new Error(`forgejo ${args.slice(0, 3).join(' ')} failed (${exitCode}): ${err}${stdout}`);
      return stdout;
    },
    stop,
  };
}
