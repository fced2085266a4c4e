// Table 6b's arithmetic (bench/table-step-cost.ts), on made-up samples whose answer is known.
import { describe, expect, it } from '@jest/globals';
import { stepCostTable } from '../../bench/table-step-cost';
import type { RunnerJobs, RunnerSample } from '../../bench/table-runner';

const sample = (jobMs: number, step: number, inside?: number): RunnerSample => {
  const keys = ['setup/Main', 'python/Main', 'guard/Main', 'helm/Main', 'kubeconform/Main', 'python/Post'];
  return {
    wallMs: jobMs + 1000,
    jobMs,
    steps: Object.fromEntries(keys.map((key) => [key, step])),
    inside: inside === undefined ? {} : Object.fromEntries(keys.map((key) => [key, inside])),
    phases: {},
  };
};

const jobs = (
  sha: RunnerSample[],
  tier1: RunnerSample[] = [],
  tier1Noop: RunnerSample[] = [],
): RunnerJobs => ({
  available: true,
  note: '',
  samples: {
    seed: [],
    cold: [],
    warm: [sample(1900, 200, 50), sample(2100, 200, 50), sample(2000, 200, 50)],
    noop: [sample(300, 3), sample(310, 3), sample(290, 3)],
    sha,
    tier1,
    'tier1-noop': tier1Noop,
  },
});

describe('table 6b', () => {
  it('adds the medians of whole jobs, and judges them against 1 s', () => {
    const cost = stepCostTable(jobs([sample(1200, 150), sample(1250, 150), sample(1150, 150)]));
    expect(cost?.addedMs).toBe(1700);
    expect(cost?.addedPinnedMs).toBe(900);
    expect(cost?.markdown).toContain('our actions add 1.70 s (over the 1 s goal) to a warm job pinned @v1');
    expect(cost?.markdown).toContain('900 ms (under the 1 s goal) pinned by commit');
    // Per step: 200 ms, of which 50 inside and 150 outside; the job row in bold.
    expect(cost?.markdown).toMatch(/\| setup-prewarmed-runner \| 200 ms[^|]*\| 50\.0 ms[^|]*\| 150 ms \|/);
    expect(cost?.markdown).toMatch(/\| \*\*the job\*\* \(first to last log line\) \| \*\*2\.00 s/);
  });

  it('judges the tier1-shaped job on its own twin, and leaves it out when it did not run', () => {
    const cost = stepCostTable(
      jobs([], [sample(900, 200), sample(1000, 200), sample(950, 200)], [sample(250, 3), sample(260, 3)]),
    );
    expect(cost?.tier1AddedMs).toBe(695);
    expect(cost?.markdown).toContain("695 ms (under the 1 s goal) to the template's tier1-shaped job @v1");
    expect(cost?.markdown).toMatch(
      /\| the template's prepare, tier1 .* \| 950 ms .*\| 255 ms .*\| 695 ms \(under the 1 s goal\) \|/,
    );
    expect(stepCostTable(jobs([]))?.tier1AddedMs).toBeUndefined();
    expect(stepCostTable(jobs([]))?.markdown).not.toContain('tier1-shaped');
  });

  it('without the pinned job the pinned columns say so, and without samples there is no table', () => {
    const cost = stepCostTable(jobs([]));
    expect(cost?.addedPinnedMs).toBeUndefined();
    expect(cost?.markdown).not.toContain('pinned by commit');
    expect(stepCostTable({ ...jobs([]), available: false })).toBeUndefined();
  });
});
