// Values a pull request can put in front of an action (a branch name, a title, a file name, a
// secret's content): shell and command injection, file-command forgery, encodings. Each value that
// would run a command runs `touch <canary>`, so a test only has to check that the canary never appears.
import { randomBytes } from 'node:crypto';

const token = (label: string): string => `${label}-${randomBytes(10).toString('hex')}`;

/** Values that try to run something, forge a workflow or file command, or escape a folder. */
export function injectionValues(canary: string): Record<string, string> {
  return {
    subshell: `$(touch ${canary})`,
    backticks: `\`touch ${canary}\``,
    semicolon: `x; touch ${canary}; rm -rf /tmp/ci-kit-never`,
    pipe: `x | touch ${canary}`,
    and: `x && touch ${canary}`,
    newlineShell: `x\ntouch ${canary}`,
    setOutput: `x\n::set-output name=path::/tmp/forged\n`,
    setOutputCr: `x\r::set-output name=path::/tmp/forged`,
    adoSetOutput: `x\n##[set-output name=path]/tmp/forged`,
    // GitHub's runner reads `##[` anywhere in a line, and `::` after Unicode blanks it trims.
    adoMidLine: `x ##[set-output name=path]/tmp/forged`,
    unicodeBlank: `x\n\u00a0::set-output name=path::/tmp/forged`,
    addPath: `x\n::add-path::/tmp/forged\n::set-env name=LD_PRELOAD::/tmp/forged.so`,
    saveState: `x\n::save-state name=ci-kit-prepare-python::{"save":true}`,
    stopCommands: `x\n::stop-commands::abc\n::set-output name=path::/tmp/forged\n::abc::`,
    outputHeredoc: `x\nghadelimiter_00000000-0000-0000-0000-000000000000\npath<<EOF\n/tmp/forged\nEOF`,
    outputLine: `x\npath=/tmp/forged\nsource=download`,
    dotdot: '../../../../tmp/forged',
    absolute: '/tmp/forged',
    percent: '%0A::set-output name=path::/tmp/forged%25',
    quotes: `'"; touch ${canary}; echo "'`,
    glob: '* /* ~',
    unicode: 'ünï-cödé-✓-\u202e-rtl',
    long: 'x'.repeat(70_000),
  };
}

/** Secret values that are hard to keep out of a log: each carries a random token, so any hit is real. */
export function secretValues(canary: string): Record<string, string> {
  return {
    SECRET_MULTILINE: [
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      token('b3BlbnNzaC1rZXktdjEAAAAA'),
      `  ${token('indented-line')}  `,
      token('last-line'),
      '-----END OPENSSH PRIVATE KEY-----',
      '',
    ].join('\n'),
    SECRET_CRLF: `${token('crlf-one')}\r\n${token('crlf-two')}`,
    SECRET_PERCENT: `${token('pct')}%25%0A%0D%3A%2C%`,
    SECRET_COMMANDS: `::warning::${token('cmd')}::set-output name=mode::online`,
    SECRET_STOP: `::stop-commands::${token('stop')}`,
    SECRET_SUBSHELL: `$(touch ${canary})${token('subshell')}`,
    SECRET_SHELL: `\`touch ${canary}\`;${token('tick')}; echo "it's" 'quoted' \\ \${HOME} | & > <`,
    SECRET_HEREDOC: `${token('heredoc')}\nghadelimiter_x\nmode<<EOF\nonline\nEOF`,
    SECRET_UNICODE: `päss-wörd-✓-${token('uni')}`,
    SECRET_LONG: randomBytes(48 * 1024).toString('base64'),
  };
}

/** PEM armour lines are masked line by line but are not secret on their own. */
export const NOT_SECRET_LINES = ['-----BEGIN OPENSSH PRIVATE KEY-----', '-----END OPENSSH PRIVATE KEY-----'];
