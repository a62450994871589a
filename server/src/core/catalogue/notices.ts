import type { Notice } from './define';

/** What the readers report about a file itself. Ids are NDES Lens's own (`NDES-LENS-*`). */
export const NOTICES: readonly Notice[] = [
  {
    id: 'NDES-LENS-UNPARSEABLE',
    title: 'Not readable as a text log',
    severity: 'warning',
    meaning: 'The file holds binary data or text in an encoding that was not recognised, so few or no log records could be read. Whatever lines could be read were still analysed.',
    fix: [
      'For a Windows event log (.evtx), export it as XML or text first, e.g. wevtutil qe <file>.evtx /lf:true /f:xml > events.xml.',
      'For a UTF-16 text file, reopen it with the UTF-16 LE/BE encoding (VS Code: "Reopen with Encoding").',
    ],
  },
  {
    id: 'NDES-LENS-TRUNCATED-RECORD',
    title: 'Trace record cut off',
    severity: 'warning',
    meaning: 'An svclog record starts but never ends. Trace files copied while the connector is still writing end this way. The part of the record that is there was analysed.',
    fix: ['Copy the trace again after stopping the service, or collect the rolled-over file as well.'],
  },
  {
    id: 'NDES-LENS-FIELDS-CHANGED',
    title: 'IIS column layout changes',
    severity: 'info',
    meaning: 'A new #Fields directive with a different column list starts here (IIS restarted with other logging fields). NDES Lens reads the lines below with the new list, so columns stay right.',
    fix: ['Nothing to do; this is a note for anyone reading columns by position.'],
  },
  {
    id: 'NDES-LENS-EMPTY',
    title: 'Empty log',
    severity: 'info',
    meaning: 'The file is empty, so it holds no evidence for any stage of the SCEP flow.',
    fix: ['Check that logging is enabled and that the right file was collected.'],
  },
  {
    id: 'NDES-LENS-LONG-RECORD',
    title: 'Very long record',
    severity: 'info',
    meaning: 'This record is longer than NDES Lens matches signatures over. Its first part was analysed; the rest was skipped to keep the editor responsive.',
    fix: ['Nothing to do unless the evidence you look for is far into this record.'],
  },
];
