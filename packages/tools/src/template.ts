import { UserError } from '@ci-kit/runner';
import { assertDownloadScheme, redactUrl } from '@ci-kit/download';

export interface TemplateValues {
  version: string;
  os: string;
  arch: string;
  file: string;
}

const PLACEHOLDER = /\{([a-z]+)\}/g;

/**
 * Fills a mirror URL template. Values are URL-encoded, so a version or file name can never add
 * path segments, a query or another host; unknown placeholders are an input error, not a literal.
 */
export function renderUrlTemplate(template: string, values: TemplateValues, input: string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(name in values)) {
      throw new UserError(
        `${input}: unknown placeholder ${whole} in '${redactUrl(template)}'; use {version}, {os}, {arch} or {file}`,
      );
    }
    return encodeURIComponent(values[name as keyof TemplateValues]);
  });
}

/**
 * Checks a URL template as an input, before any work: every placeholder known, and the scheme
 * http(s) or file whatever the placeholders hold (checked with each one filled by a harmless word).
 */
export function validateUrlTemplate(template: string, input: string): void {
  renderUrlTemplate(template, { version: 'x', os: 'x', arch: 'x', file: 'x' }, input);
  assertDownloadScheme(template.replace(PLACEHOLDER, 'x'), input);
}
