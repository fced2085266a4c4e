// Edge cases of reading back file commands and `::` lines, the formats a runner accepts.
import {
  parseKeyValueFile,
  parsePathFile,
  parseWorkflowCommands,
  summarizeCommands,
} from '../harness/workflow-commands';

describe('parseKeyValueFile', () => {
  it('reads one-line and heredoc values, later lines winning', () => {
    const text = [
      'plain=a=b',
      'tricky=b<<c',
      'multi<<ghadelimiter_1',
      'one',
      '',
      'three',
      'ghadelimiter_1',
      'empty<<EOF',
      '',
      'EOF',
      'plain=again',
      '',
    ].join('\n');
    expect(parseKeyValueFile(text)).toEqual({
      values: { plain: 'again', tricky: 'b<<c', multi: 'one\n\nthree', empty: '' },
      problems: [],
    });
  });

  it('accepts CRLF line ends', () => {
    expect(parseKeyValueFile('a<<D\r\nx\r\nD\r\nb=y\r\n').values).toEqual({ a: 'x', b: 'y' });
  });

  it('reports, rather than throws on, lines a runner would reject', () => {
    const parsed = parseKeyValueFile('ok=1\nbroken\nhalf<<D\nvalue');
    expect(parsed.values).toEqual({ ok: '1' });
    expect(parsed.problems).toEqual([
      'invalid line 2: "broken"',
      "unterminated heredoc for 'half' (delimiter D)",
    ]);
  });
});

describe('parsePathFile', () => {
  it('keeps non-empty lines in order', () => {
    expect(parsePathFile('/a\n\n/b\r\n')).toEqual(['/a', '/b']);
  });
});

describe('workflow commands', () => {
  it('undoes the escaping of messages and properties', () => {
    const stdout = [
      '::warning file=src/a%3Ab.ts,line=3,title=x%2Cy::50%25 done%0Anext line',
      'log line mentioning ::error::not a command',
      '::add-mask::s3cret',
      '::group::Download',
      '::endgroup::',
      '::debug::details',
      '::error::bad',
    ].join('\n');
    expect(parseWorkflowCommands(stdout)[0]).toEqual({
      command: 'warning',
      properties: { file: 'src/a:b.ts', line: '3', title: 'x,y' },
      message: '50% done\nnext line',
    });
    const summary = summarizeCommands(stdout);
    expect(summary.warnings).toEqual(['50% done\nnext line']);
    expect(summary.errors).toEqual(['bad']);
    expect(summary.masks).toEqual(['s3cret']);
    expect(summary.groups).toEqual(['Download']);
    expect(summary.debug).toEqual(['details']);
    expect(summary.commands.map((c) => c.command)).toContain('endgroup');
  });
});
