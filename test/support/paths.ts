import { dirname, join } from 'node:path';

/** Tests are compiled to out/test/…; fixtures stay in the source tree. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const SOURCE_TEST_DIR = join(REPO_ROOT, 'test');

export function fixturePath(...parts: string[]): string {
  return join(SOURCE_TEST_DIR, ...parts);
}

export function parentOf(path: string): string {
  return dirname(path);
}
