// scripts/release.sh for real, in a scratch `git clone` of this repository: the release commit, the
// annotated vX.Y.Z tag, the moving vX tag, package.json and CHANGELOG.md; then a patch release that
// moves vX; then what it must refuse (a dirty tree, stale dist/, an empty [Unreleased], a tag that
// exists) and a --dry-run that changes nothing.
//
// The clone gets the working tree as it is now (committed in the clone), so the test checks the script
// that is about to be committed; in CI, on a fresh clone, that is the same as HEAD. node_modules is
// linked in (and excluded from git) so the script's own stale checks run for real.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const DATE = '2026-11-27';

let scratch: string;
let repo: string;
let env: NodeJS.ProcessEnv;

function git(args: string[], cwd = repo): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();
}

function release(args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('sh', ['scripts/release.sh', ...args], {
    cwd: repo,
    env,
    encoding: 'utf8',
    timeout: 110_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function read(file: string): string {
  return readFileSync(path.join(repo, file), 'utf8');
}

/** Adds one line under [Unreleased] and commits it, as a change landing before a release would. */
function addUnreleasedEntry(line: string): void {
  const text = read('CHANGELOG.md');
  expect(text).toMatch(/^## \[Unreleased\]\s*$/m);
  writeFileSync(
    path.join(repo, 'CHANGELOG.md'),
    text.replace(/^## \[Unreleased\]\s*$/m, `## [Unreleased]\n\n### Fixed\n\n- ${line}`),
  );
  git(['commit', '-qam', `changelog: ${line}`]);
}

function tagType(tag: string): string {
  return git(['cat-file', '-t', `refs/tags/${tag}`]);
}

function commitOf(ref: string): string {
  return git(['rev-parse', `${ref}^{commit}`]);
}

/** The versions to release: 1.0.0 then 1.0.1 before the first release, the next major after it. */
let first: string;
let patch: string;
let major: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'ci-kit-release-test-'));
  repo = path.join(scratch, 'repo');
  env = {
    ...process.env,
    HOME: scratch,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Release Tester',
    GIT_AUTHOR_EMAIL: 'release-tester@example.invalid',
    GIT_COMMITTER_NAME: 'Release Tester',
    GIT_COMMITTER_EMAIL: 'release-tester@example.invalid',
    CI_KIT_RELEASE_DATE: DATE,
  };
  delete env.NODE_OPTIONS;
  execFileSync('git', ['clone', '-q', repoRoot, repo], { env });

  // The working tree as it is now, committed in the clone.
  for (const file of git(['ls-files', '-z']).split('\0').filter(Boolean))
    rmSync(path.join(repo, file), { force: true });
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file && existsSync(path.join(repoRoot, file)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    copyFileSync(path.join(repoRoot, file), path.join(repo, file));
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(repo, 'node_modules'));
  appendFileSync(path.join(repo, '.git', 'info', 'exclude'), '/node_modules\n');
  git(['add', '-A']);
  if (git(['status', '--porcelain'])) git(['commit', '-qm', 'test: the working tree as it is now']);
  // Generated files made current, so the stale checks pass whatever is half done in the working tree.
  execFileSync('node', ['scripts/build.mjs'], { cwd: repo, env });
  execFileSync('node', ['scripts/action-docs.mjs'], { cwd: repo, env });
  git(['add', '-A']);
  if (git(['status', '--porcelain'])) git(['commit', '-qm', 'test: generated files made current']);

  const current = (JSON.parse(read('package.json')) as { version: string }).version.split('.').map(Number);
  const next = current[0] === 0 ? 1 : (current[0] as number) + 1;
  [first, patch, major] = [`${next}.0.0`, `${next}.0.1`, `v${next}`];
}, 120_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/**
 * A lean release tree: exactly the runtime files of `source` (same blobs), every action's entry points
 * present, nothing of the sources, tests or tooling, and well under the 3 MB a copy per `uses:` may cost.
 */
function expectLeanTree(lean: string, source: string): void {
  const files = (ref: string) =>
    new Map(
      git(['ls-tree', '-r', ref])
        .split('\n')
        .map((line) => line.split('\t') as [string, string])
        .map(([meta, file]) => [file, meta]),
    );
  const kept = files(lean);
  const all = files(source);
  for (const [file, meta] of kept) expect([file, meta]).toEqual([file, all.get(file)]);
  const names = [...kept.keys()];
  expect(
    names.filter((n) =>
      /^(packages|test|bench|scripts|images|docs|examples)\/|^actions\/[^/]+\/src\//.test(n),
    ),
  ).toEqual([]);
  for (const manifest of names.filter((n) => /^actions\/[^/]+\/action\.yml$/.test(n))) {
    const text = git(['show', `${lean}:${manifest}`]);
    for (const [, entry] of text.matchAll(/(?:main|post): '\.\.\/\.\.\/(dist\/[^']+)'/g))
      expect([manifest, kept.has(entry as string)]).toEqual([manifest, true]);
    for (const [, script] of text.matchAll(/\$GITHUB_ACTION_PATH\/([^"\s]+)/g))
      expect([manifest, kept.has(path.posix.normalize(`${path.dirname(manifest)}/${script}`))]).toEqual([
        manifest,
        true,
      ]);
  }
  expect(['toolchain.json', 'package.json', 'LICENSE', 'README.md'].filter((f) => !kept.has(f))).toEqual([]);
  const bytes = git(['ls-tree', '-r', '-l', lean])
    .split('\n')
    .reduce((sum, line) => sum + Number(line.split(/\s+/)[3] ?? 0), 0);
  expect(bytes).toBeLessThan(3_000_000);
}

describe('scripts/release.sh in a scratch clone', () => {
  it('releases a new major: version, changelog, commit, annotated tag, and the major tag on the same commit', () => {
    addUnreleasedEntry('first entry of the test release');
    const before = git(['rev-parse', 'HEAD']);
    const result = release([first]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const head = git(['rev-parse', 'HEAD']);
    expect(git(['rev-parse', 'HEAD~1'])).toBe(before);
    expect(git(['log', '-1', '--format=%s'])).toBe(`Release v${first}`);
    expect(git(['show', '--name-only', '--format=', 'HEAD']).split('\n').sort()).toEqual(
      ['CHANGELOG.md', 'package-lock.json', 'package.json'].filter((file) =>
        existsSync(path.join(repo, file)),
      ),
    );
    // The tags point at the lean release line: a commit of release/vX holding the runtime files of HEAD.
    const lean = commitOf(`v${first}`);
    expect(tagType(`v${first}`)).toBe('tag');
    expect(tagType(major)).toBe('tag');
    expect(commitOf(major)).toBe(lean);
    expect(commitOf(`release/${major}`)).toBe(lean);
    expect(git(['log', '-1', '--format=%B', lean])).toContain(
      `Release v${first}\n\nThe runtime files of ${head}`,
    );
    expect(git(['rev-list', '--count', lean])).toBe('1');
    expectLeanTree(lean, head);

    expect((JSON.parse(read('package.json')) as { version: string }).version).toBe(first);
    const lock = JSON.parse(read('package-lock.json')) as {
      version: string;
      packages: Record<string, { version?: string }>;
    };
    expect([lock.version, lock.packages['']?.version]).toEqual([first, first]);

    const changelog = read('CHANGELOG.md');
    expect(changelog).toContain(`## [Unreleased]\n\n## [${first}] - ${DATE}\n\n`);
    const section = changelog.split(`## [${first}] - ${DATE}`)[1]?.split(/^## /m)[0] ?? '';
    expect(section).toContain('- first entry of the test release');
    expect(section).toContain('### Fixed');

    // The tag carries the notes verbatim (### headings are not stripped as comments).
    const message = git(['tag', '-l', '--format=%(contents)', `v${first}`]);
    expect(message).toContain(`forgejo-ci-kit ${first} (${DATE})`);
    expect(message).toContain('### Fixed\n\n- first entry of the test release');

    expect(result.stdout).toContain(`git push origin main`);
    expect(result.stdout).toContain(`git push origin v${first}`);
    expect(result.stdout).toContain(`git push --force origin ${major}`);
    expect(result.stdout).toContain(`git push origin release/${major}`);
    expect(result.stdout).toContain(`@${lean} # v${first}`);
    expect(git(['status', '--porcelain'])).toBe('');
  });

  it('refuses an empty [Unreleased], an existing tag and a version not above the current one', () => {
    const head = git(['rev-parse', 'HEAD']);
    expect(release([patch])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('nothing under "## [Unreleased]"'),
    });
    expect(release([first])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`tag v${first} exists already`),
    });
    expect(release(['0.9.0'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`is not above the current version ${first}`),
    });
    expect(release(['v1.2.3'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('is not a version of the form X.Y.Z'),
    });
    expect(git(['rev-parse', 'HEAD'])).toBe(head);
  });

  it('refuses a dirty tree: a changed file or an untracked one', () => {
    addUnreleasedEntry('second entry');
    const head = git(['rev-parse', 'HEAD']);
    appendFileSync(path.join(repo, 'README.md'), '\nlocal edit\n');
    expect(release([patch])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('the working tree is not clean'),
    });
    git(['checkout', '--', 'README.md']);
    writeFileSync(path.join(repo, 'notes.txt'), 'scratch\n');
    expect(release([patch])).toMatchObject({ code: 1, stderr: expect.stringContaining('notes.txt') });
    rmSync(path.join(repo, 'notes.txt'));
    expect(git(['rev-parse', 'HEAD'])).toBe(head);
    expect(git(['tag', '-l', `v${patch}`])).toBe('');
  });

  it('refuses stale dist/ and leaves no tag', () => {
    const head = git(['rev-parse', 'HEAD']);
    appendFileSync(path.join(repo, 'dist', 'secret-guard', 'main.mjs'), '\n// edited by hand\n');
    git(['commit', '-qam', 'an edit to dist/ that no build makes']);
    const result = release([patch]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('dist/ is stale');
    expect(git(['tag', '-l', `v${patch}`])).toBe('');
    git(['reset', '-q', '--hard', head]);
    git(['clean', '-qfd']);
    expect(git(['status', '--porcelain'])).toBe('');
  });

  it('--dry-run shows the release from a scratch clone of HEAD and changes nothing', () => {
    const head = git(['rev-parse', 'HEAD']);
    const result = release(['--dry-run', patch]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`v${patch} -> `);
    expect(result.stdout).toContain(`${major} -> `);
    expect(result.stdout).toContain('nothing was changed');
    expect(git(['rev-parse', 'HEAD'])).toBe(head);
    expect(git(['tag', '-l', `v${patch}`])).toBe('');
    expect(commitOf(major)).toBe(commitOf(`v${first}`));
    expect(git(['status', '--porcelain'])).toBe('');
  });

  it('a patch release moves the major tag and leaves the earlier release tag where it was', () => {
    const firstCommit = commitOf(`v${first}`);
    const result = release([patch]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const head = git(['rev-parse', 'HEAD']);
    const lean = commitOf(`v${patch}`);
    expect(lean).not.toBe(firstCommit);
    expect(tagType(`v${patch}`)).toBe('tag');
    expect(commitOf(major)).toBe(lean);
    expect(commitOf(`v${first}`)).toBe(firstCommit);
    // One commit per release on the line: the patch's parent is the first release, nothing of main.
    expect(git(['rev-parse', `${lean}^`])).toBe(firstCommit);
    expect(git(['rev-list', '--count', lean])).toBe('2');
    expectLeanTree(lean, head);
    expect(git(['tag', '-l', '--format=%(contents:subject)', major])).toContain(`now v${patch}`);
    const changelog = read('CHANGELOG.md');
    expect(changelog.indexOf(`## [${patch}] - ${DATE}`)).toBeLessThan(
      changelog.indexOf(`## [${first}] - ${DATE}`),
    );
    expect(changelog).toContain(`## [Unreleased]\n\n## [${patch}] - ${DATE}\n\n### Fixed\n\n- second entry`);
  });
});
