import { mkdir } from 'node:fs/promises';
import * as tc from '@actions/tool-cache';
import { UserError } from '@ci-kit/runner';

export type ArchiveFormat = 'tar.gz' | 'zip' | 'binary';

export function archiveFormatOf(fileName: string): ArchiveFormat {
  if (/\.(tar\.gz|tgz)$/i.test(fileName)) return 'tar.gz';
  if (/\.zip$/i.test(fileName)) return 'zip';
  return 'binary';
}

/** Extracts into `dest`, which the caller owns (a staging folder, never the final place). */
export async function extractArchive(file: string, format: ArchiveFormat, dest: string): Promise<void> {
  await mkdir(dest, { recursive: true });
  try {
    if (format === 'tar.gz') await tc.extractTar(file, dest, 'xz');
    else if (format === 'zip') await tc.extractZip(file, dest);
  } catch (error) {
    throw new UserError(`could not extract ${file}: ${(error as Error).message}; the archive may be corrupt`);
  }
}
