import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | undefined;

/** The package version, read from the package.json next to dist/ (the bundle's folder's parent). */
export function toolVersion(): string {
  if (cached !== undefined) return cached;
  cached = '0.0.0';
  try {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version?: unknown };
    if (typeof pkg.version === 'string') cached = pkg.version;
  } catch {
    // Run from an unusual layout: the version is only informative.
  }
  return cached;
}
