// bench/report.ts: what a bench run writes into docs/performance.md next to what other scripts wrote.
import { describe, expect, it } from '@jest/globals';
import { keepOtherSections, spliceSections } from '../../bench/report';

const existing = [
  '# Performance\n\nintro\n\n',
  '## Headline\n\n- a: old\n\n',
  '## 1. One\n\nold one\n\n',
  '## Checking tool-cache entries\n\nby hand\n\n',
  '## 8. Eight\n\nold eight\n\n',
  '## Start-up on Node 20, 24 and 26\n\nby node-startup.mjs\n',
].join('');

describe('bench report', () => {
  it('a full run keeps the sections other scripts wrote, each after the table it followed', () => {
    const full =
      '# Performance\n\nnew intro\n\n## Headline\n\n- a: new\n\n## 1. One\n\nnew one\n\n## 2. Two\n\nnew two\n\n## 8. Eight\n\nnew eight\n';
    const page = keepOtherSections(existing, full);
    expect(page.split(/^## /m).map((part) => part.split('\n')[0])).toEqual([
      '# Performance',
      'Headline',
      '1. One',
      'Checking tool-cache entries',
      '2. Two',
      '8. Eight',
      'Start-up on Node 20, 24 and 26',
    ]);
    expect(page).toContain('new one');
    expect(page).not.toContain('old eight');
    expect(page).toContain('by node-startup.mjs\n');
    expect(page.endsWith('by node-startup.mjs\n')).toBe(true);
  });

  it('a section the run wrote itself is not doubled', () => {
    const full = '# P\n\n## 1. One\n\nnew\n\n## Checking tool-cache entries\n\nnew check\n';
    const page = keepOtherSections(existing, full);
    expect(page.match(/## Checking tool-cache entries/g)).toHaveLength(1);
    expect(page).toContain('new check');
  });

  it('table 8 alone replaces only its section', () => {
    const page = spliceSections(existing, '# P\n\n## 8. Eight\n\nnew eight\n');
    expect(page).toContain('old one');
    expect(page).toContain('new eight');
    expect(page).toContain('## Start-up on Node 20, 24 and 26');
    expect(page).not.toContain('old eight');
  });
});
