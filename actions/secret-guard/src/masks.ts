/**
 * What to register with the runner for one secret value, before anything else is printed.
 *
 * Runners mask per log line: the Forgejo runner (act) replaces each registered string inside each
 * line it prints, and GitHub's runner likewise, so a multi-line value registered whole would never
 * match and its lines would show in clear. Hence the whole value, then each line, then each line
 * trimmed (a tool printing one line of a PEM or JSON value usually indents or strips it).
 * Whitespace-only strings are not registered: a mask of spaces would blank every space in the log,
 * while whitespace hides nothing worth hiding.
 */
export function masksFor(value: string): string[] {
  const masks = new Set<string>();
  const add = (text: string): void => {
    if (text.trim() !== '') masks.add(text);
  };
  add(value);
  add(value.trim());
  for (const line of value.split(/\r\n|\r|\n/)) {
    add(line);
    add(line.trim());
  }
  return [...masks];
}
