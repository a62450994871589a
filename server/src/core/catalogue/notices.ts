import type { Notice } from './define';

/** What the readers report about a file itself. Ids are NDES Lens's own (`NDES-LENS-*`). */
export const NOTICES: readonly Notice[] = [
  {
    id: 'NDES-LENS-UNPARSEABLE',
    title: 'Not readable as a text log',
    severity: 'warning',
    meaning: 'The file holds binary data or text in an encoding that was not recognised, so few or no log records could be read. Whatever lines could be read were still analysed.',
    fix: [
      'For a UTF-16 text file, reopen it with the UTF-16 LE/BE encoding (VS Code: "Reopen with Encoding").',
      'A Windows event log (.evtx) is read as it is; if this file is one under another name, check that it was copied whole (it must start with ElfFile).',
    ],
  },
  {
    id: 'NDES-LENS-EVTX-DAMAGED',
    title: 'Part of an event log file unreadable',
    severity: 'warning',
    meaning: 'Part of a binary event log (.evtx) could not be read: a checksum that does not match, a 64 KiB chunk without its signature, a record cut off or holding data that makes no sense. Logs copied from a running system, or cut short, look like this. The note names the byte offset; every record around the damage was still read and analysed.',
    fix: [
      'If a checksum is all that is wrong, nothing is missing: the records were read.',
      'Otherwise collect the log again: export it from Event Viewer ("Save All Events As…") or copy it with wevtutil epl <channel> <file>.evtx, which writes a clean copy of a live log.',
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
    id: 'NDES-LENS-DTD-IGNORED',
    title: 'Document type declaration ignored',
    severity: 'info',
    meaning: 'The trace declares a DTD. WCF traces never do, so the file was edited or crafted. NDES Lens never reads a DTD or expands its entities; entity references stay as they are written.',
    fix: ['Nothing to do if you expected it; otherwise collect the trace again from the server.'],
  },
  {
    id: 'NDES-LENS-TEAM-SIGNATURE',
    title: 'Team signature not loaded',
    severity: 'error',
    meaning: 'An entry of the workspace\'s .ndeslens.json could not be used: the message names its JSON path and why (an invalid or unsafe regular expression, a g or y flag, an unknown format, a built-in rule id, a sample that does not behave). The other entries still work.',
    fix: ['Correct the entry at the JSON path the message names; the schema contributed for .ndeslens.json shows the expected shape as you type.', 'Save the file: NDES Lens reloads it at once.'],
  },
  {
    id: 'NDES-LENS-FIELDS-CHANGED',
    title: 'IIS column layout changes',
    severity: 'info',
    meaning: 'A new #Fields directive with a different column list starts here (IIS restarted with other logging fields). NDES Lens reads the lines below with the new list, so columns stay right.',
    fix: ['Nothing to do; this is a note for anyone reading columns by position.'],
  },
  {
    id: 'NDES-LENS-IIS-OTHER-FORMAT',
    title: 'IIS log not in W3C format',
    severity: 'warning',
    meaning: 'IIS can write its logs in three formats. NDES Lens reads W3C extended, the default (u_ex*.log), whose #Fields line names the columns. This file is in the IIS native format (u_in*.log, comma-separated) or NCSA common (u_nc*.log), which keep the HTTP status in other places and drop the substatus, so no request status was read and failed SCEP requests were not reported. The lines were still searched for other signatures.',
    fix: [
      'In IIS Manager, open Logging for the server or the Default Web Site and set Format to W3C (the default), then reproduce the enrollment and collect the new u_ex*.log.',
      'The same for every site, from an elevated prompt: %windir%\\system32\\inetsrv\\appcmd.exe set config -section:system.applicationHost/sites /siteDefaults.logFile.logFormat:"W3C" /commit:apphost (a site with its own logging settings keeps them: change those in IIS Manager).',
    ],
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
  {
    id: 'NDES-FLOW-NO-EXIT',
    title: 'Policy module call never finished',
    severity: 'warning',
    meaning: 'NDESPlugin.log shows "Calling VerifyRequest" but no "Exiting VerifyRequest" before the next call or the end of the log. Microsoft\'s runbook expects both; a call that never exits usually hung on the certificate registration point (an expired client authentication certificate, a TLS failure) or the log was cut.',
    fix: [
      'Look at the lines after the call: a "Sending request to certificate registration point." with nothing after it points at the client authentication certificate (NDES-PLUGIN-STUCK-AFTER-SEND).',
      'Check the IIS log for the POST /CertificateRegistrationSvc/Certificate/VerifyRequest of the same time and its status.',
    ],
  },
  {
    id: 'NDES-FLOW-NO-FINISH',
    title: 'CRP verification never finished',
    severity: 'warning',
    meaning: 'The CertificateRegistrationPoint trace shows "VerifyRequest Started." with no "VerifyRequest Finished" for the same ActivityID. The verification stopped half-way (an exception, an app pool recycle) or the trace was copied while it was being written.',
    fix: ['Read the records of the same ActivityID after the start for an exception.', 'Check the Application and System event logs for w3wp crashes at that time.'],
  },
  {
    id: 'NDES-FLOW-NO-NOTIFY',
    title: 'Issued, but not reported to Intune',
    severity: 'info',
    meaning: 'IIS answered a device\'s PKIOperation with 200, but NDES_Plugin never called /CertificateRegistrationSvc/Certificate/Notify afterwards. Without that call Intune does not learn that the certificate was issued (stage 6), and the portal keeps showing the profile as pending.',
    fix: ['Check NDESPlugin.log for "Calling Notifyrequest" and "Exiting Notify with 0x0".', 'Check the connector\'s event log for notify or upload failures.'],
  },
  {
    id: 'NDES-FLOW-NO-CRP-TRACE',
    title: 'Policy module failure without its CRP trace',
    severity: 'info',
    meaning: 'The policy module reports a failure, but the folder has no CertificateRegistrationPoint_*.svclog. The certificate registration point writes the reason there.',
    fix: ['Collect %ProgramFiles%\\Microsoft Intune\\NDESConnectorSvc\\Logs\\Logs\\CertificateRegistrationPoint_*.svclog for the time of the failure and add it to the folder.'],
  },
];
