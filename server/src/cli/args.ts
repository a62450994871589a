import { DEFAULT_JOBS } from '../node/analysers';
import { CliError } from './errors';

interface OptionSpec {
  /** Options that take a value (`--format json` or `--format=json`). */
  readonly values: readonly string[];
  /** Options without a value. */
  readonly flags: readonly string[];
}

export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly values: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
}

/** Parses one command's arguments; `--` ends the options. Unknown options are usage errors. */
export function parseArgs(args: readonly string[], spec: OptionSpec): ParsedArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  let onlyPositional = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (onlyPositional || !a.startsWith('-') || a === '-') { positional.push(a); continue; }
    if (a === '--') { onlyPositional = true; continue; }
    if (a === '-h') { flags.add('--help'); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (spec.values.includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') throw new CliError(`${name} needs a value`);
      values.set(name, value);
    } else if (spec.flags.includes(name) && eq < 0) {
      flags.add(name);
    } else {
      throw new CliError(`unknown option '${a}'`);
    }
  }
  return { positional, values, flags };
}

/** The value of an option that must be one of `choices`. */
export function choice<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const v = args.values.get(name);
  if (v === undefined) return fallback;
  const found = choices.find((c) => c === v);
  if (found === undefined) throw new CliError(`${name} must be ${choices.join(', ').replace(/, ([^,]*)$/, ' or $1')} (got '${v}')`);
  return found;
}

/** `--jobs N`: threads that analyse files, one per core unless told. */
export function jobsOption(args: ParsedArgs): number {
  return positiveInteger(args, '--jobs', DEFAULT_JOBS);
}

export function positiveInteger(args: ParsedArgs, name: string, fallback: number): number {
  const v = args.values.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${name} must be a positive whole number (got '${v}')`);
  return n;
}
