import { runPostEntry } from '@ci-kit/runner';
import { saveUvCache } from './save-uv-cache';

await runPostEntry(() => saveUvCache(), 'prepare-python/post');
