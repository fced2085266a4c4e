import { describe, expect, it } from '@jest/globals';
import { assertFileName, fileNameFromUrl, hasCredentials, redactUrl, redactUrlsIn } from '../src/url';
import { credentialsOf } from '../src/fetch';

describe('redactUrl', () => {
  it.each([
    ['https://user:s3cret@mirror.example/x.tgz', 'https://***@mirror.example/x.tgz'],
    ['https://tok@mirror.example/x.tgz', 'https://***@mirror.example/x.tgz'],
    ['https://u:p@ss@mirror.example/x.tgz', 'https://***@mirror.example/x.tgz'],
    ['https://mirror.example/x.tgz', 'https://mirror.example/x.tgz'],
    ['https://mirror.example/@scope/x.tgz', 'https://mirror.example/@scope/x.tgz'],
    ['https://h/x?token=abc&v=1', 'https://h/x?token=***&v=1'],
    ['https://h/x?v=1&ACCESS_TOKEN=abc#frag', 'https://h/x?v=1&ACCESS_TOKEN=***#frag'],
    [
      'https://b.s3.example/x?X-Amz-Credential=AK%2F1&X-Amz-Signature=f00&X-Amz-Security-Token=t&X-Amz-Expires=60',
      'https://b.s3.example/x?X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Security-Token=***&X-Amz-Expires=60',
    ],
    ['https://a.blob.example/c/x?sv=2024&sig=abc%3D&se=1', 'https://a.blob.example/c/x?sv=2024&sig=***&se=1'],
    [
      'https://h/x?private_token=a&api_key=b&signature=c',
      'https://h/x?private_token=***&api_key=***&signature=***',
    ],
    ['https://h/cb#access_token=abc&state=1', 'https://h/cb#access_token=***&state=1'],
    ['https://u:pa/ss@h/x', 'https://***@h/x'],
  ])('%s prints as %s', (url, printed) => {
    expect(redactUrl(url)).toBe(printed);
  });

  it('finds URLs in free text', () => {
    expect(redactUrlsIn("Error: looks like 'https://u:p@h/i.yaml?token=x' is not a repo")).toBe(
      "Error: looks like 'https://***@h/i.yaml?token=***' is not a repo",
    );
  });

  it('hasCredentials', () => {
    expect([hasCredentials('https://u@h/'), hasCredentials('https://h/')]).toEqual([true, false]);
  });
});

describe('credentialsOf', () => {
  it('turns userinfo into Authorization: Basic, decoded, and strips it from the URL', () => {
    expect(credentialsOf('https://ci%40org:p%3Ass@h:8443/x?y=1')).toEqual({
      url: 'https://h:8443/x?y=1',
      origin: 'https://h:8443',
      authorization: `Basic ${Buffer.from('ci@org:p:ss').toString('base64')}`,
    });
    expect(credentialsOf('https://h/x')).toEqual({ url: 'https://h/x', origin: 'https://h' });
  });
});

describe('file names from URLs', () => {
  it.each([
    ['https://h/r/tool-1.0.tar.gz', 'tool-1.0.tar.gz'],
    ['https://h/r/my%20tool.zip', 'my tool.zip'],
    ['https://h/r/', undefined],
  ])('%s names %s', (url, name) => {
    expect(fileNameFromUrl(url, 'url')).toBe(name);
  });

  it.each([
    'https://h/r/..%2F..%2Fx.tgz',
    'https://h/r/..%5Cx.tgz',
    'https://h/r/x%0A.tgz',
    'https://h/r/%2E%2E%2Fx',
  ])('%s is refused, naming the input', (url) => {
    expect(() => fileNameFromUrl(url, 'url')).toThrow(
      /^url: the last segment '.*' of 'https:\/\/h\/r\/.*' gives '.*', which is not a file name/,
    );
  });

  it('bad percent-encoding names the input', () => {
    expect(() => fileNameFromUrl('https://u:pw@h/r/x%zz.tgz', 'url')).toThrow(
      "url: the last segment 'x%zz.tgz' of 'https://***@h/r/x%zz.tgz' is not valid percent-encoding",
    );
  });

  it.each(['.', '..', '', 'a/b', 'a\\b', 'a\u0000'])('assertFileName refuses %j', (name) => {
    expect(() => assertFileName(name, 'x', 'y')).toThrow(/which is not a file name/);
  });
});
