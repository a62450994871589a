import { CATALOGUE, signatureById, type Signature } from './catalogue';
import { BUILTIN, signatureLookup, type Catalogue, type SignatureLookup } from './validate';

/**
 * The rules a host runs, configured once and handed to every feature that names rules (validation,
 * diagnostics, hover, code actions, flow, reports), so a team's signatures are never a special case
 * downstream: the editor and the CLI build one of these and pass it everywhere.
 */
export interface Rules {
  /** What validation runs. */
  readonly catalogue: Catalogue;
  /** Each rule's entry by id: message, severity, link, stage, hover text, quick fixes. */
  readonly lookup: SignatureLookup;
}

export const BUILTIN_RULES: Rules = { catalogue: BUILTIN, lookup: signatureById };

/** The built-in rules plus a team's signatures (their ids never clash: the reader refuses built-in ids). */
export function rulesWith(team: readonly Signature[]): Rules {
  if (team.length === 0) return BUILTIN_RULES;
  const catalogue: Catalogue = { signatures: [...CATALOGUE, ...team], validators: BUILTIN.validators };
  return { catalogue, lookup: signatureLookup(catalogue) };
}
