/** Cache keys: printable, no commas (the toolkit splits restore keys on them), at most 512 chars. */
export function cacheKey(...parts: string[]): string {
  const key = parts
    .filter((part) => part !== '')
    .map((part) => part.replace(/[^A-Za-z0-9._+-]/g, '_'))
    .join('-');
  if (key.length > 512) throw new Error(`cache key longer than 512 characters: ${key.slice(0, 80)}...`);
  return key;
}
