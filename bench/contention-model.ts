// The seed's contention as a model: Q pushes of one workflow queued on a runner of capacity C, the
// flat graph (every job at once, no concurrency group: the seed's workflow) against the tiered graph
// (`needs: tier1`, `concurrency: { group: ci-<ref>, cancel-in-progress: true }`: the template). The
// machine here cannot hold Q real runs of real test suites, so the bench feeds this model with job
// times measured on forgejo-runner, and the model is written down in docs/scale-out.md:
//
// - The runner takes queued jobs in the order they were queued (run by run, then job by job in the
//   workflow's order) whenever one of its C slots is free; a job holds a slot for its whole duration.
// - A job is queued when its run is pushed (flat), or when every job it needs has succeeded (tiered);
//   a job whose needs failed is skipped (never queued, no slot).
// - cancel-in-progress: a push to a ref cancels that ref's earlier run: its running jobs stop at once
//   (their time so far is spent) and its queued or not yet queued jobs never run.
// - The first red signal of a run is the end of its first failed job; runner time is the sum of the
//   time jobs held a slot.
export interface ModelJob {
  id: string;
  /** Seconds the job holds a runner slot. */
  seconds: number;
  needs: string[];
}

export interface ModelPush {
  /** Seconds after the first push. */
  at: number;
  ref: string;
  /** Jobs that fail in this run. */
  failing: string[];
}

export interface ModelConfig {
  jobs: ModelJob[];
  pushes: ModelPush[];
  capacity: number;
  /** The tiered graph honours `needs` and cancels superseded runs of a ref; flat does neither. */
  tiered: boolean;
}

export interface ModelResult {
  /** Per push: seconds from the push to its first red signal (undefined when it had none or was cancelled first). */
  firstRed: (number | undefined)[];
  /** Per push: seconds from the push until its last job ended (undefined when cancelled). */
  finished: (number | undefined)[];
  runnerSeconds: number;
  cancelled: number;
  skipped: number;
  ran: number;
}

type State = 'waiting' | 'queued' | 'running' | 'success' | 'failure' | 'cancelled' | 'skipped';

interface Task {
  run: number;
  job: ModelJob;
  state: State;
  queuedSeq: number;
  started: number;
  ended: number;
}

export function simulate(config: ModelConfig): ModelResult {
  const { jobs, pushes, capacity, tiered } = config;
  const tasks: Task[] = [];
  let seq = 0;
  let cancelled = 0;
  let spent = 0;
  const pushed = new Set<number>();
  const byRun = (run: number) => tasks.filter((t) => t.run === run);
  const finish = (task: Task, state: State, now: number) => {
    if (task.state === 'running') spent += now - task.started;
    task.state = state;
    task.ended = now;
  };
  const promote = (now: number) => {
    for (const task of tasks) {
      if (task.state !== 'waiting') continue;
      const needs = task.job.needs.map((id) => byRun(task.run).find((t) => t.job.id === id) as Task);
      if (!tiered || needs.every((t) => t.state === 'success')) {
        task.state = 'queued';
        task.queuedSeq = seq++;
      } else if (needs.some((t) => ['failure', 'skipped', 'cancelled'].includes(t.state))) {
        finish(task, 'skipped', now);
      }
    }
  };
  let now = 0;
  for (;;) {
    // Pushes due now.
    pushes.forEach((push, run) => {
      if (pushed.has(run) || push.at > now) return;
      pushed.add(run);
      if (tiered) {
        for (const task of tasks) {
          if (pushes[task.run]?.ref !== push.ref) continue;
          if (['waiting', 'queued', 'running'].includes(task.state)) {
            finish(task, 'cancelled', now);
            cancelled++;
          }
        }
      }
      for (const job of jobs) tasks.push({ run, job, state: 'waiting', queuedSeq: 0, started: 0, ended: 0 });
    });
    promote(now);
    // Fill free slots in queue order.
    const running = tasks.filter((t) => t.state === 'running').length;
    const queued = tasks.filter((t) => t.state === 'queued').sort((a, b) => a.queuedSeq - b.queuedSeq);
    for (const task of queued.slice(0, Math.max(0, capacity - running))) {
      task.state = 'running';
      task.started = now;
    }
    // The next event: a running job ends, or a push arrives.
    const ends = tasks.filter((t) => t.state === 'running').map((t) => t.started + t.job.seconds);
    const arrivals = pushes.filter((_, run) => !pushed.has(run)).map((p) => p.at);
    const next = Math.min(...ends, ...arrivals);
    if (!Number.isFinite(next)) break;
    now = next;
    for (const task of tasks) {
      if (task.state === 'running' && task.started + task.job.seconds <= now) {
        const fails = pushes[task.run]?.failing.includes(task.job.id) ?? false;
        finish(task, fails ? 'failure' : 'success', now);
      }
    }
  }
  const firstRed = pushes.map((push, run) => {
    const red = byRun(run).filter((t) => t.state === 'failure');
    return red.length ? Math.min(...red.map((t) => t.ended)) - push.at : undefined;
  });
  const finished = pushes.map((push, run) => {
    const own = byRun(run);
    if (own.some((t) => t.state === 'cancelled')) return undefined;
    return Math.max(...own.map((t) => t.ended)) - push.at;
  });
  return {
    firstRed,
    finished,
    runnerSeconds: spent,
    cancelled,
    skipped: tasks.filter((t) => t.state === 'skipped').length,
    ran: tasks.filter((t) => t.state === 'success' || t.state === 'failure').length,
  };
}
