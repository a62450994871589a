/** Report formats built from findings and the flow: pure data in, text out. */
export { atLeast, locateFindings, type CheckResult, type EvidenceSummary, type LocatedFinding, type PositionAt, type ReportFile, type SkippedFile } from './located';
export { checkJson, type CheckJsonV1 } from './checkJson';
export { checkText, oneLine } from './checkText';
export { toSarif, toUri, SARIF_SCHEMA, type SarifOptions } from './sarif';
export { flowText } from './flowText';
export { buildHandOff, type HandOff, type HandOffRule, type EvidenceLine, type DecodedCode } from './handoff';
export { handOffMarkdown } from './markdown';
export { handOffHtml, escapeHtml } from './html';
