// The contention model the scale bench feeds with measured job times (bench/contention-model.ts).
import { describe, expect, it } from '@jest/globals';
import { simulate, type ModelJob } from '../../bench/contention-model';

const job = (id: string, seconds: number, needs: string[] = []): ModelJob => ({ id, seconds, needs });
const TIERED = [job('lint', 10), job('e2e', 100, ['lint']), job('helm', 100, ['lint'])];

describe('the contention model', () => {
  it('runs jobs in queue order on C slots and sums the time they held one', () => {
    const result = simulate({
      jobs: [job('a', 10), job('b', 10), job('c', 10)],
      pushes: [{ at: 0, ref: 'main', failing: [] }],
      capacity: 2,
      tiered: false,
    });
    expect(result.finished).toEqual([20]);
    expect(result.runnerSeconds).toBe(30);
    expect([result.ran, result.cancelled, result.skipped]).toEqual([3, 0, 0]);
  });

  it('tiered: a failed tier 1 skips tier 2 (no slot, no runner time)', () => {
    const result = simulate({
      jobs: TIERED,
      pushes: [{ at: 0, ref: 'pr-1', failing: ['lint'] }],
      capacity: 2,
      tiered: true,
    });
    expect(result.firstRed).toEqual([10]);
    expect(result.runnerSeconds).toBe(10);
    expect(result.skipped).toBe(2);
  });

  it('flat: the failing lint job waits behind heavy jobs queued before it, and they all run', () => {
    const result = simulate({
      jobs: [job('e2e', 100), job('helm', 100), job('lint', 10)],
      pushes: [{ at: 0, ref: 'pr-1', failing: ['lint'] }],
      capacity: 2,
      tiered: false,
    });
    expect(result.firstRed).toEqual([110]);
    expect(result.runnerSeconds).toBe(210);
  });

  it('cancel-in-progress: a new push to a ref stops the old run; another ref is left alone', () => {
    const result = simulate({
      jobs: TIERED,
      pushes: [
        { at: 0, ref: 'pr-1', failing: [] },
        { at: 0, ref: 'pr-2', failing: [] },
        { at: 50, ref: 'pr-1', failing: [] },
      ],
      capacity: 2,
      tiered: true,
    });
    // At 50 s run 1's e2e and helm have held both slots for 40 s; they stop, run 2's wait no more.
    expect(result.cancelled).toBe(2);
    expect(result.finished[0]).toBeUndefined();
    expect(result.finished[1]).toBeDefined();
    expect(result.finished[2]).toBeDefined();
    // lint 10 (run 1), e2e + helm 40 each (run 1, cancelled), run 2 and run 3 in full (210 each).
    expect(result.runnerSeconds).toBe(10 + 80 + 210 + 210);
  });

  it('flat ignores both needs and concurrency: every push runs every job', () => {
    const result = simulate({
      jobs: TIERED,
      pushes: [
        { at: 0, ref: 'pr-1', failing: ['lint'] },
        { at: 5, ref: 'pr-1', failing: ['lint'] },
      ],
      capacity: 2,
      tiered: false,
    });
    expect([result.ran, result.cancelled, result.skipped]).toEqual([6, 0, 0]);
    expect(result.runnerSeconds).toBe(420);
  });
});
