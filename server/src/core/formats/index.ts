import type { FormatId } from '../types';
import { createCmtraceScanner } from './cmtrace';
import { createDeviceScanner } from './device';
import { createEventLogScanner } from './eventlog';
import { createHttperrScanner } from './httperr';
import { createIisScanner } from './iis';
import { createNdesPluginScanner } from './ndesplugin';
import { createPlainScanner } from './plain';
import { createSetupMsiScanner } from './setupmsi';
import type { ScannerFactory } from './scanner';
import { createSvclogScanner } from './svclog';

export type { RecordSink, Scanner, ScannerFactory } from './scanner';

/** One scanner per format. */
export const SCANNERS: Readonly<Record<FormatId, ScannerFactory>> = {
  'iis-w3c-log': createIisScanner,
  'ndesplugin-log': createNdesPluginScanner,
  'wcf-svclog': createSvclogScanner,
  'httperr-log': createHttperrScanner,
  'windows-event-log': createEventLogScanner,
  'setupmsi-log': createSetupMsiScanner,
  'cmtrace-log': createCmtraceScanner,
  'device-log': createDeviceScanner,
  'plain-text': createPlainScanner,
};
