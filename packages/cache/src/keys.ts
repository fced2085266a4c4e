/**
 * Cache keys: printable, no commas (the toolkit splits restore keys on them), at most 512 chars, and
 * lowercase: Forgejo's cache server lowercases keys on save and lookup, so a key with capitals would
 * come back as another string than the one computed, and never count as an exact hit.
 */
export function cacheKey(...parts: string[]): string {
  const key = parts
    .filter((part) => part !== '')
    .map((part) => part.replace(/[^A-Za-z0-9._+-]/g, '_'))
    .join('-')
    .toLowerCase();
  if (key.length > 512) throw new Error(`cache key longer than 512 characters: ${key.slice(0, 80)}...`);
  return key;
}

/**
 * Whether the key a lookup matched is the primary key. Case-insensitive, as Forgejo's cache server is:
 * an entry saved by an older release under a key with capitals is returned lowercased.
 */
export function sameKey(matched: string, primary: string): boolean {
  return matched.toLowerCase() === primary.toLowerCase();
}
