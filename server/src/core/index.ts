/**
 * NDES Lens core: pure functions from log text to findings, hovers and quick fixes. Imports no
 * editor API, no LSP runtime and no Node built-in, so the language server, the CLI and the tests
 * all run the same code.
 */
export * from './types';
export { detectFormat, baseName, SNIFF_CHARS, type DetectInput, type Detection } from './detect';
export { parseDocument, createModelBuilder, appendToModel, type ModelBuilder } from './parse';
export { validate, validateModel, validateAppended, defineValidator, validateRecord, streamValidator, signaturesFor, signatureLookup, matchRecord, MAX_MATCH_CHARS, BUILTIN, DEFAULT_VALIDATION, type Catalogue, type ModelValidator, type ValidatorScan, type ValidatorCheckpoint, type Validation, type RecordStreamValidator, type SignatureLookup, type RuleSetting, type ValidationSettings } from './validate';
export { toDiagnostics, DIAGNOSTIC_SOURCE, DEFAULT_DIAGNOSTIC_OPTIONS, type DiagnosticData, type DiagnosticOptions } from './diagnostics';
export { hover, decodeRecord } from './hover';
export { codeActions, SHOW_GUIDANCE_COMMAND, COPY_REMEDIATION_COMMAND } from './codeActions';
export { CATALOGUE, NOTICES, SOURCES, signatureById, noticeById, type Signature, type Notice, type Matcher, type SourceLink, type Remediation } from './catalogue';
export { guidancePath, explainSignature, explainNotice, guidanceDocument, noticeDocument, rulesTable, STAGE_NAMES } from './guidance';
export { LineIndex } from './text';
export { recordAt, httpStatusOf } from './records';
export { findCodes, type CodeMention } from './codes';
export { analyseFlow, parseTime, type FlowFile, type FlowResult, type FlowStage, type FlowGap, type FlowLink, type FlowLocation, type ClockOffset, type EvidenceRef, type StageStatus } from './flow';
export { createRedactor, redactText, type Redactor, type TextRedactor } from './redact';
export * from './report';
export { documentSymbols, MAX_SYMBOLS, MAX_SYMBOL_CHILDREN, type SymbolOptions } from './symbols';
export { pluginCalls, type PluginCall, type PluginCalls } from './pluginCalls';
export { foldingRanges, MAX_FOLDING_RANGES } from './folding';
export { semanticTokens, fieldHover, w3cValues, classifyValue, SEMANTIC_TOKEN_LEGEND, SEMANTIC_TOKEN_TYPES, SEMANTIC_TOKEN_MODIFIERS, MAX_SEMANTIC_TOKENS, type FieldHover, type W3cValue } from './semanticTokens';
export { failuresView, MAX_FAILURE_LINES, type FailuresView, type FailureLink } from './navigation';
export { BUILTIN_RULES, rulesWith, type Rules } from './rules';
export { parseTeamSignatures, teamCatalogue, compilePattern, isSafePattern, TEAM_FILE_NAME, TEAM_PROBLEM_ID, type TeamProblem, type TeamSignatureSet } from './teamSignatures';
