/**
 * Ids and message types shared by the client and the server: the only server module the client
 * may import. Keep it free of runtime dependencies (type-only imports).
 */
import type { FlowResult } from './core/flow';

export type { EvidenceRef, FlowBeside, FlowGap, FlowResult, FlowStage, StageStatus } from './core/flow';
export const LANGUAGE_IDS = {
  iis: 'iis-w3c-log',
  plugin: 'ndesplugin-log',
  svclog: 'wcf-svclog',
  httperr: 'httperr-log',
  events: 'windows-event-log',
  setupmsi: 'setupmsi-log',
  cmtrace: 'cmtrace-log',
  device: 'device-log',
} as const;

/**
 * Editor language ids that carry no format information: the server looks at the content and the
 * client switches the document to the language it recognised.
 */
export const GENERIC_LANGUAGE_IDS: readonly string[] = ['log', 'plaintext', 'csv'];

/**
 * Languages the server also analyses without switching them: an event export saved as XML keeps its
 * XML highlighting, its findings still show.
 */
export const ANALYSED_ONLY_LANGUAGE_IDS: readonly string[] = ['xml'];

export const CONFIGURATION_SECTION = 'ndesLens';

export const COMMANDS = {
  showGuidance: 'ndesLens.showGuidance',
  copyRemediation: 'ndesLens.copyRemediation',
  diagnoseFolder: 'ndesLens.diagnoseFolder',
  refreshFlow: 'ndesLens.refreshFlow',
  openFlowItem: 'ndesLens.openFlowItem',
  nextFinding: 'ndesLens.nextFinding',
  previousFinding: 'ndesLens.previousFinding',
  showFailures: 'ndesLens.showFailures',
  exportReport: 'ndesLens.exportReport',
  exportSarif: 'ndesLens.exportSarif',
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

/** Client → server: the SCEP flow across every log of the workspace folder(s). Result: `FlowView`. */
export const FLOW_REQUEST = 'ndesLens/flow';

/** The flow (core/flow) as the editor's view shows it. */
export interface FlowView extends FlowResult {
  /** The guidance command's arguments for each rule the flow names as a fix (a team rule's carry its page). */
  readonly guidance: Readonly<Record<string, readonly string[]>>;
}

/** Client → server: read the workspace folder(s) again, with progress; cancellable. */
export const DIAGNOSE_FOLDER_REQUEST = 'ndesLens/diagnoseFolder';

export interface DiagnoseFolderResult {
  readonly files: number;
  readonly flow: FlowView;
}

/** Server → client: the flow verdict changed (a log changed, was opened or closed). */
export const FLOW_CHANGED_NOTIFICATION = 'ndesLens/flowChanged';

export interface FlowChangedParams {
  readonly verdict: string;
  readonly firstFailure: { readonly stage: number; readonly ruleId: string; readonly path: string; readonly line: number } | null;
}

/** Workspace file with the team's own signatures (core/teamSignatures.ts reads it). */
export const TEAM_FILE_NAME = '.ndeslens.json';

/** URI scheme of the read-only "Show only failures" documents. */
export const FAILURES_SCHEME = 'ndes-lens-failures';

/** Client → server: the failing records of one log as a short text with links back. */
export const FAILURES_REQUEST = 'ndesLens/failures';

export interface FailuresParams {
  readonly uri: string;
}

export interface FailuresResult {
  readonly text: string;
  readonly failures: number;
  /** 0-based line and characters of each `name:line` prefix in `text`, and the 0-based log line it points to. */
  readonly links: readonly { readonly line: number; readonly startCharacter: number; readonly endCharacter: number; readonly targetLine: number }[];
}

/** Client → server: render the workspace's analyses as the CLI would (`report` hand-off, `check --format sarif`). */
export const EXPORT_REQUEST = 'ndesLens/export';

export type ExportFormat = 'markdown' | 'html' | 'sarif';

export interface ExportParams {
  readonly format: ExportFormat;
  /** Hand-off reports only: mask customer values as `ndes-lens report` does by default (default true). */
  readonly redact?: boolean;
}

export interface ExportResult {
  readonly text: string;
  readonly files: number;
}

/**
 * URI scheme of a binary event log (.evtx) shown as its Event XML: a read-only document whose path
 * is the file's (`ndes-lens-evtx:///C:/logs/Admin.evtx`). The server publishes an .evtx file's
 * findings under this URI, so a problem opens the events at its line.
 */
export const EVTX_SCHEME = 'ndes-lens-evtx';

/** The custom editor that opens `*.evtx` files as their `EVTX_SCHEME` document. */
export const EVTX_VIEW_TYPE = 'ndesLens.evtx';

/** Client → server: the Event XML of a binary event log on disk, rendered by the server. */
export const EVTX_REQUEST = 'ndesLens/evtx';

export interface EvtxParams {
  /** The `EVTX_SCHEME` or `file:` URI of the .evtx file. */
  readonly uri: string;
}

export interface EvtxResult {
  readonly text: string;
}

/** The settings the server reads (`ndesLens.*`). */
export interface ServerSettings {
  readonly showSuccessMarkers: boolean;
  readonly maxNumberOfProblems: number;
  readonly rules: Readonly<Record<string, 'error' | 'warning' | 'info' | 'off'>>;
}

export const DEFAULT_SETTINGS: ServerSettings = { showSuccessMarkers: false, maxNumberOfProblems: 1000, rules: {} };
