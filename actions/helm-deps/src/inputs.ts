import { booleanInput, enumInput, integerInput, invalidInput, type InputReader } from '@ci-kit/runner';
import { SAVE_MODES, type SaveMode } from '@ci-kit/cache';
import { Inputs } from './names';

export interface HelmDepsInputs {
  /** The chart's folder, relative to the workspace (holds Chart.yaml and Chart.lock). */
  chart: string;
  retries: number;
  cache: boolean;
  /** When a fresh charts/ is saved to the cache (packages/cache/src/save-policy.ts). */
  saveCache: SaveMode;
}

/** Every input validated before any work: one line naming the input, the value and what is accepted. */
export function loadInputs(read: InputReader): HelmDepsInputs {
  const chart = read(Inputs.Chart).trim() || '.';
  if (chart.split(/[\\/]/).includes('..') || chart.startsWith('/')) {
    throw invalidInput(Inputs.Chart, chart, "a folder inside the workspace, relative to it, without '..'");
  }
  return {
    chart,
    retries: integerInput(read, Inputs.Retries, 1, 20),
    cache: booleanInput(read, Inputs.Cache),
    // Empty means the default, as for every optional input.
    saveCache: enumInput(() => read(Inputs.SaveCache).trim() || 'auto', Inputs.SaveCache, SAVE_MODES),
  };
}
