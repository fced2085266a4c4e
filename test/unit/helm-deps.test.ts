import { describe, expect, it } from '@jest/globals';
import { archiveName, parseChartLock } from '../../actions/helm-deps/src/chart-lock';
import { findRelease, indexUrlOf } from '../../actions/helm-deps/src/chart-index';

describe('helm-deps: Chart.lock and index.yaml', () => {
  it('reads versions as text: 1.0 stays 1.0, not the number 1', () => {
    const deps = parseChartLock(
      'dependencies:\n- name: common\n  repository: https://charts.example/stable\n  version: 1.0\ndigest: sha256:ab\n',
      'Chart.lock',
    );
    expect(deps).toEqual([{ name: 'common', repository: 'https://charts.example/stable', version: '1.0' }]);
    expect(archiveName(deps[0] as (typeof deps)[number])).toBe('common-1.0.tgz');
  });

  it('finds the archive and its digest, resolving a relative URL against the repository', () => {
    const dep = { name: 'common', version: '1.0', repository: 'https://charts.example/stable/' };
    const index = `apiVersion: v1\nentries:\n  common:\n  - name: common\n    version: 1.0\n    digest: ${'a'.repeat(64)}\n    urls:\n    - charts/common-1.0.tgz\n`;
    expect(findRelease(index, indexUrlOf(dep.repository), dep)).toEqual({
      url: 'https://charts.example/stable/charts/common-1.0.tgz',
      sha256: 'a'.repeat(64),
    });
  });

  it('refuses a release without a digest, and one the index does not list', () => {
    const dep = { name: 'common', version: '2.0.0', repository: 'https://charts.example' };
    const url = indexUrlOf(dep.repository);
    expect(() =>
      findRelease('entries:\n  common:\n  - version: 2.0.0\n    urls: [x.tgz]\n', url, dep),
    ).toThrow('has no sha256 digest or no URL; refusing an unverified chart');
    expect(() => findRelease('entries: {}\n', url, dep)).toThrow(`${url} lists no common 2.0.0`);
  });
});
