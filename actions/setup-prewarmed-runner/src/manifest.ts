import { readFile } from 'node:fs/promises';
import { errorMessage, type Logger } from '@ci-kit/runner';

/** What the pre-warmed image baked: its toolchain.json plus `image` (see images/python-ci). */
export interface ImageManifest {
  path: string;
  imageVersion: string;
  /** Tool name -> version the image was built with. */
  versions: Record<string, string>;
}

/**
 * The image manifest, or undefined when there is none (the job is not on the pre-warmed image).
 * A manifest that cannot be read is a warning, not a failure: the tools themselves are checked anyway.
 */
export async function readImageManifest(file: string, log: Logger): Promise<ImageManifest | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log.warning(`image manifest ${file} cannot be read: ${errorMessage(error)}`);
    }
    return undefined;
  }
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const image = raw.image as { version?: unknown } | undefined;
    const versions: Record<string, string> = {};
    for (const [name, value] of Object.entries(raw)) {
      const version = (value as { version?: unknown } | null)?.version;
      if (name !== 'image' && typeof version === 'string') versions[name] = version;
    }
    return { path: file, imageVersion: typeof image?.version === 'string' ? image.version : '', versions };
  } catch (error) {
    log.warning(
      `image manifest ${file} is not valid JSON (${errorMessage(error)}); treating this job as not pre-warmed`,
    );
    return undefined;
  }
}
