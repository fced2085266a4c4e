/**
 * The packages a uv.lock pins, as `name==version` with the name normalized the way uv names its cache
 * folders (PEP 503: lower case, runs of `-`, `_`, `.` as one `-`). A lock is untrusted input: its values
 * only ever become members of a set that cache folder names are looked up in, never paths or commands.
 */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** One `[[package]]` table's `name` and `version`; tables without both (a virtual root) are skipped. */
export function lockedPackages(lockText: string): Set<string> {
  const pinned = new Set<string>();
  let name: string | undefined;
  let version: string | undefined;
  const flush = () => {
    if (name && version) pinned.add(`${normalizePackageName(name)}==${version}`);
    name = undefined;
    version = undefined;
  };
  let inPackage = false;
  for (const raw of lockText.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      // `[[package]]` starts a package; any other table header (`[package.optional-dependencies]`,
      // `[[package.wheels]]`…) ends the part of it that holds name and version.
      if (line === '[[package]]') {
        flush();
        inPackage = true;
      } else {
        inPackage = false;
      }
      continue;
    }
    if (!inPackage) continue;
    const field = /^(name|version)\s*=\s*"([^"\\]*)"\s*$/.exec(line);
    if (field?.[1] === 'name') name = field[2];
    else if (field?.[1] === 'version') version = field[2];
  }
  flush();
  return pinned;
}
