/**
 * Ids shared by the client and the server: the only server module the client may import.
 * Keep it free of runtime dependencies.
 */
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
} as const;

/** Server → client: the format a document was recognised as, so the editor can switch its language. */
export const FORMAT_DETECTED_NOTIFICATION = 'ndesLens/formatDetected';

export interface FormatDetectedParams {
  readonly uri: string;
  readonly format: string;
  readonly by: string;
}

/** The settings the server reads (`ndesLens.*`). */
export interface ServerSettings {
  readonly showSuccessMarkers: boolean;
  readonly maxNumberOfProblems: number;
  readonly rules: Readonly<Record<string, 'error' | 'warning' | 'info' | 'off'>>;
}

export const DEFAULT_SETTINGS: ServerSettings = { showSuccessMarkers: false, maxNumberOfProblems: 1000, rules: {} };
