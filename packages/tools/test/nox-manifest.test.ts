// nox-manifest.json (the reference nox-check.ts compares a nox venv in the tool cache with) must describe
// the nox toolchain.json locks: after a lock change, `node scripts/nox-manifest.mjs` makes it again.
import { describe, expect, it } from '@jest/globals';
import manifest from '../src/nox-manifest.json' with { type: 'json' };
import { TOOLCHAIN } from '../src/toolchain';

describe('nox-manifest.json', () => {
  it('is made for the nox and uv toolchain.json pins', () => {
    expect(manifest.nox).toBe(TOOLCHAIN.nox.version);
    expect(manifest.uv).toBe(TOOLCHAIN.uv.version);
    expect(manifest.scriptTemplate).toContain('from {module} import {name}');
  });

  it('describes a wheel of every pin in the lock, and nothing else', () => {
    const pins = (TOOLCHAIN.nox.requirements ?? []).map((line) => line.split(/[ ;]/)[0] as string);
    const described = Object.keys(manifest.dists).map((info) => {
      const [name, version] = info.replace(/\.dist-info$/, '').split('-');
      return `${(name as string).replace(/_/g, '-').toLowerCase()}==${version}`;
    });
    expect([...new Set(described)].sort()).toEqual([...new Set(pins.map((p) => p.toLowerCase()))].sort());
  });
});
