import { booleanInput, integerInput, invalidInput, type InputReader } from '@ci-kit/runner';
import { Inputs } from './names';

export interface HelmDepsInputs {
  /** The chart's folder, relative to the workspace (holds Chart.yaml and Chart.lock). */
  chart: string;
  retries: number;
  cache: boolean;
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
  };
}
