import type { FormatId } from '../types';
import { createIisScanner } from './iis';
import { createNdesPluginScanner } from './ndesplugin';
import { createPlainScanner } from './plain';
import type { ScannerFactory } from './scanner';
import { createSvclogScanner } from './svclog';

export type { RecordSink, Scanner, ScannerFactory } from './scanner';

/** One scanner per format. */
export const SCANNERS: Readonly<Record<FormatId, ScannerFactory>> = {
  'iis-w3c-log': createIisScanner,
  'ndesplugin-log': createNdesPluginScanner,
  'wcf-svclog': createSvclogScanner,
  'plain-text': createPlainScanner,
};
