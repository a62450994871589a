/**
 * Ids and message types shared by the client and the server: the only server module the client
 * may import. Keep it free of runtime dependencies (type-only imports).
 */
import type { FlowResult } from './core/flow';

export type { EvidenceRef, FlowGap, FlowResult, FlowStage, StageStatus } from './core/flow';
export const LANGUAGE_IDS = {
  iis: 'iis-w3c-log',
  plugin: 'ndesplugin-log',
  svclog: 'wcf-svclog',
} as const;

/** Editor language ids that carry no format information; the server looks at the content. */
export const GENERIC_LANGUAGE_IDS: readonly string[] = ['log', 'plaintext'];

export const CONFIGURATION_SECTION = 'ndesLens';

export const COMMANDS = {
  showGuidance: 'ndesLens.showGuidance',
  copyRemediation: 'ndesLens.copyRemediation',
  diagnoseFolder: 'ndesLens.diagnoseFolder',
  refreshFlow: 'ndesLens.refreshFlow',
  openFlowItem: 'ndesLens.openFlowItem',
} as const;

/** Id of the SCEP Flow tree view. */
export const FLOW_VIEW_ID = 'ndesLens.flow';

/** Server → client: the format a document was recognised as, so the editor can switch its language. */
export const FORMAT_DETECTED_NOTIFICATION = 'ndesLens/formatDetected';

export interface FormatDetectedParams {
  readonly uri: string;
  readonly format: string;
  readonly by: string;
}

/** Client → server: the SCEP flow across every log of the workspace folder(s). Result: `FlowResult` (core/flow.ts). */
export const FLOW_REQUEST = 'ndesLens/flow';

/** Client → server: read the workspace folder(s) again, with progress; cancellable. */
export const DIAGNOSE_FOLDER_REQUEST = 'ndesLens/diagnoseFolder';

export interface DiagnoseFolderResult {
  readonly files: number;
  readonly flow: FlowResult;
}

/** Server → client: the flow verdict changed (a log changed, was opened or closed). */
export const FLOW_CHANGED_NOTIFICATION = 'ndesLens/flowChanged';

export interface FlowChangedParams {
  readonly verdict: string;
  readonly firstFailure: { readonly stage: number; readonly ruleId: string; readonly path: string; readonly line: number } | null;
}

/** The settings the server reads (`ndesLens.*`). */
export interface ServerSettings {
  readonly showSuccessMarkers: boolean;
  readonly maxNumberOfProblems: number;
  readonly rules: Readonly<Record<string, 'error' | 'warning' | 'info' | 'off'>>;
}

export const DEFAULT_SETTINGS: ServerSettings = { showSuccessMarkers: false, maxNumberOfProblems: 1000, rules: {} };
