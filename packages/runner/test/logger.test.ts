import { describe, expect, it } from '@jest/globals';
import { infoWithoutCommands } from '../src/logger';

function print(message: string): string[] {
  const lines: string[] = [];
  infoWithoutCommands(message, (line) => lines.push(line));
  return lines;
}

describe('infoWithoutCommands', () => {
  it('prints ordinary text as it is', () => {
    expect(print('downloading http://x/a.tar.gz')).toEqual(['downloading http://x/a.tar.gz']);
    expect(print('a :: b ##c [d]')).toEqual(['a :: b ##c [d]']);
  });

  it.each([
    'x\n::set-output name=path::/tmp/forged',
    'x\r::add-path::/tmp/forged',
    'x\n##[set-output name=path]/tmp/forged',
    '::save-state name=a::b',
    // The GitHub runner trims a line before it looks for a command: leading blanks do not disarm it.
    'x\n  ::set-output name=path::/tmp/forged',
    'x\n\t##[add-path]/tmp/forged',
    // It also acts on `##[` anywhere in a line, and trims Unicode blanks before `::`.
    'evil##[warning]x',
    'x\n\u00a0::warning::y',
    'x\n\u3000\u2003::set-output name=path::/tmp/forged',
    'x\n\ufeff::add-path::/tmp/forged',
  ])('wraps text holding a command line in a stop-commands block: %j', (message) => {
    const [start, text, end, ...rest] = print(message);
    expect(rest).toEqual([]);
    expect(text).toBe(message);
    const token = /^::stop-commands::(ci-kit-[0-9a-f-]{36})$/.exec(start ?? '')?.[1];
    expect(token).toBeDefined();
    expect(end).toBe(`::${token}::`);
  });
});
