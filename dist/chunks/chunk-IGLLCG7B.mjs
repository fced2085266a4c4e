import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// actions/prepare-python/src/state.ts
function encodePlan(plan) {
  return JSON.stringify(plan);
}
__name(encodePlan, "encodePlan");
function decodePlan(raw) {
  if (!raw) return void 0;
  return JSON.parse(raw);
}
__name(decodePlan, "decodePlan");

// actions/prepare-python/src/save-policy.ts
function saveKeyFor(key, jobStatus) {
  return jobStatus === "failure" || jobStatus === "cancelled" ? `${key}-failed` : key;
}
__name(saveKeyFor, "saveKeyFor");

// actions/prepare-python/src/prune-unused.ts
import { lstat, readdir, readFile, readlink, rm, writeFile } from "node:fs/promises";
import path from "node:path";

// actions/prepare-python/src/lock-packages.ts
function normalizePackageName(name) {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
__name(normalizePackageName, "normalizePackageName");
function lockedPackages(lockText) {
  const pinned = /* @__PURE__ */ new Set();
  let name;
  let version;
  const flush = /* @__PURE__ */ __name(() => {
    if (name && version) pinned.add(`${normalizePackageName(name)}==${version}`);
    name = void 0;
    version = void 0;
  }, "flush");
  let inPackage = false;
  for (const raw of lockText.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      if (line === "[[package]]") {
        flush();
        inPackage = true;
      } else {
        inPackage = false;
      }
      continue;
    }
    if (!inPackage) continue;
    const field = /^(name|version)\s*=\s*"([^"\\]*)"\s*$/.exec(line);
    if (field?.[1] === "name") name = field[2];
    else if (field?.[1] === "version") version = field[2];
  }
  flush();
  return pinned;
}
__name(lockedPackages, "lockedPackages");

// actions/prepare-python/src/prune-unused.ts
var WHEEL_BUCKET = /^wheels-v\d+$/;
var VERSIONED = /^([0-9][^-/\\]*)-/;
async function wheelEntries(uvCacheDir) {
  const found = [];
  let buckets;
  try {
    buckets = (await readdir(uvCacheDir)).filter((name) => WHEEL_BUCKET.test(name));
  } catch {
    return found;
  }
  for (const bucket of buckets) {
    const entries = await readdir(path.join(uvCacheDir, bucket), { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isDirectory()) continue;
      const version = VERSIONED.exec(entry.name)?.[1];
      if (!version) continue;
      const pkg = normalizePackageName(path.basename(entry.parentPath));
      const relative = path.relative(uvCacheDir, path.join(entry.parentPath, entry.name));
      found.push({ path: relative, pin: `${pkg}==${version}` });
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
__name(wheelEntries, "wheelEntries");
async function writeInventory(file, inventory) {
  await writeFile(file, JSON.stringify(inventory));
}
__name(writeInventory, "writeInventory");
async function readInventory(file) {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8"));
    return Array.isArray(parsed.entries) && Array.isArray(parsed.locked) ? parsed : void 0;
  } catch {
    return void 0;
  }
}
__name(readInventory, "readInventory");
var ARCHIVE = /^(archive-v\d+)[/\\]([A-Za-z0-9_-]+)$/;
async function archiveOf(file) {
  const target = await readlink(file).catch(() => void 0);
  if (!target) return void 0;
  const relative = path.join(path.basename(path.dirname(target)), path.basename(target));
  return ARCHIVE.test(relative) ? relative : void 0;
}
__name(archiveOf, "archiveOf");
async function removeUnlocked(uvCacheDir, inventory) {
  const locked = new Set(inventory.locked);
  const root = path.resolve(uvCacheDir);
  const pins = /* @__PURE__ */ new Set();
  const dropped = /* @__PURE__ */ new Set();
  let removed = 0;
  if (locked.size === 0) return { removed, archives: 0, pins: [] };
  for (const entry of inventory.entries) {
    if (locked.has(entry.pin)) continue;
    const target = path.resolve(root, entry.path);
    if (!target.startsWith(`${root}${path.sep}`)) continue;
    const stats = await lstat(target).catch(() => void 0);
    if (!stats) continue;
    if (stats.isSymbolicLink()) {
      const archive = await archiveOf(target);
      if (archive) dropped.add(archive);
    }
    await rm(target, { recursive: true, force: true });
    removed += 1;
    pins.add(entry.pin.replace(/[^A-Za-z0-9._+!=-]/g, "?"));
  }
  for (const entry of await wheelEntries(root)) {
    const archive = await archiveOf(path.join(root, entry.path));
    if (archive) dropped.delete(archive);
  }
  for (const archive of dropped) await rm(path.join(root, archive), { recursive: true, force: true });
  return { removed, archives: dropped.size, pins: [...pins].sort() };
}
__name(removeUnlocked, "removeUnlocked");

export {
  encodePlan,
  decodePlan,
  saveKeyFor,
  lockedPackages,
  wheelEntries,
  writeInventory,
  readInventory,
  removeUnlocked
};
