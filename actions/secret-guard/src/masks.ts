/** A line shorter than this (trimmed) is not registered on its own: `{`, `},`, `abc` hide nothing. */
export const MIN_MASKED_LINE = 4;

/** A line made only of punctuation, symbols and blanks (`},`, `-----`, `]);`) is structure, not secret. */
const HAS_CONTENT = /[^\p{P}\p{S}\p{Z}\s]/u;

/**
 * What to register with the runner for one secret value, before anything else is printed.
 *
 * Runners mask per log line: the Forgejo runner (act) replaces each registered string inside each
 * line it prints, and GitHub's runner likewise, so a multi-line value registered whole would never
 * match and its lines would show in clear. Hence the whole value (and the whole value trimmed), always,
 * then each line and each line trimmed (a tool printing one line of a PEM or JSON value usually indents
 * or strips it), when that line could be secret: at least MIN_MASKED_LINE characters after trimming and
 * not only punctuation and blanks. A mask of `{` or `}` (a JSON key's first and last lines) would turn
 * every brace in the rest of the job's log into `***`; a mask of spaces would blank every space.
 */
export function masksFor(value: string): string[] {
  const masks = new Set<string>();
  const whole = (text: string): void => {
    if (text.trim() !== '') masks.add(text);
  };
  const line = (text: string): void => {
    const trimmed = text.trim();
    if (trimmed.length >= MIN_MASKED_LINE && HAS_CONTENT.test(trimmed)) masks.add(text);
  };
  whole(value);
  whole(value.trim());
  for (const text of value.split(/\r\n|\r|\n/)) {
    line(text);
    line(text.trim());
  }
  return [...masks];
}
