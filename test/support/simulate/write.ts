import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulation } from './model';

/** Writes the simulated evidence folder (and nothing else: the ground truth stays with the caller). */
export function writeSimulation(dir: string, sim: Simulation): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of sim.files) {
    const path = join(dir, name);
    writeFileSync(path, text, 'utf8');
    written.push(path);
  }
  return written;
}
