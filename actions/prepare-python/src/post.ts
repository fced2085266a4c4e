import { runPostEntry } from '@ci-kit/runner';
import { post } from './post-run';

await runPostEntry(() => post());
