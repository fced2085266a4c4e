import { runEntry } from '@ci-kit/runner';
import { run } from './run';

await runEntry(() => run(), 'helm-deps');
