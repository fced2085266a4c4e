import { describe, expect, it } from '@jest/globals';
import { loadInputs } from '../../actions/cached-tool/src/inputs';
import { TOOLCHAIN } from '@ci-kit/tools';

const defaults: Record<string, string> = { retries: '6', cache: 'true', verify: 'true' };
const reader = (inputs: Record<string, string>) => (name: string) => ({ ...defaults, ...inputs })[name] ?? '';

describe('cached-tool inputs', () => {
  it('defaults the version from toolchain.json', () => {
    expect(loadInputs(reader({ tool: 'helm' }))).toMatchObject({
      tool: 'helm',
      version: TOOLCHAIN.helm.version,
      retries: 6,
    });
  });
  it('strips a leading v', () => {
    expect(loadInputs(reader({ tool: 'kubeconform', version: 'v0.7.0' })).version).toBe('0.7.0');
  });
  it.each([
    [
      { tool: 'kubectl' },
      "The value 'kubectl' is not valid for 'tool'. Valid values are: helm, kubeconform, uv, custom",
    ],
    [{ tool: 'helm', version: 'latest' }, "version: 'latest' is not valid version"],
    [{ tool: 'helm', version: '3.16' }, "version: '3.16' is not a valid version"],
    [{ tool: 'helm', sha256: 'abc' }, "The value 'abc' is not valid for 'sha256'"],
    [{ tool: 'helm', retries: '0' }, "The value '0' is not valid for 'retries'"],
    [
      { tool: 'helm', cache: 'yes' },
      "The value 'yes' is not valid for 'cache'. Valid values are: true, false",
    ],
    [{ tool: 'helm', 'download-url': 'ftp://mirror/{file}' }, "download-url: scheme 'ftp:'"],
    [{ tool: 'helm', 'download-url': 'javascript:alert(1)' }, "download-url: scheme 'javascript:'"],
    [{ tool: 'custom', url: 'https://x/{file}', binary: 'b' }, "version: required for tool 'custom'"],
    [{ tool: 'custom', version: '1.0.0', binary: 'b' }, "url: required for tool 'custom'"],
    [
      { tool: 'custom', version: '1.0.0', url: 'https://x/t.tgz', binary: '../b' },
      "The value '../b' is not valid for 'binary'",
    ],
    [
      { tool: 'custom', version: '1.0.0', url: 'https://x/t.tgz', binary: 'b', 'archive-path': 'a/../../x' },
      "not valid for 'archive-path'",
    ],
  ])('rejects %j with one clear line', (inputs, message) => {
    expect(() => loadInputs(reader(inputs as Record<string, string>))).toThrow(
      message.replace("'latest' is not valid version", "'latest' is not a valid version"),
    );
  });
  it('accepts file:// and http(s):// mirrors', () => {
    expect(
      loadInputs(reader({ tool: 'helm', 'download-url': 'file:///srv/mirror/{file}' })).downloadUrl,
    ).toBe('file:///srv/mirror/{file}');
    expect(
      loadInputs(reader({ tool: 'helm', 'download-url': 'https://m.example/helm/{file}' })).downloadUrl,
    ).toBeDefined();
  });
});
