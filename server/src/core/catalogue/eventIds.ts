import { requireOneOf } from './literals';

/**
 * An event id as the event exports print it, on one line: "Event ID: 4005" (Copy details as text),
 * `<EventID>4005</EventID>` (XML), `Id : 4005` (PowerShell Format-List), a tab/comma separated
 * column (Event Viewer .txt/.csv), or the Id column right after the time in a PowerShell
 * `Get-WinEvent | Format-Table` row, or `ID=4005 Provider=…:` as IntuneCertificateConnectorDiagnostics
 * sums up an event in its transcript (`{0:u} ID={1} Provider={2}: {3}`). `ids` is a regex alternation
 * of literal numbers; the match has an `id` group for messages.
 */
export function eventId(ids: string): RegExp {
  // The id is a literal alternation of numbers: a record without any of them is skipped unread.
  return requireOneOf(new RegExp(String.raw`(?:\bEvent ?ID(?:\s*[:=])?\s*|<EventID\b[^>]{0,80}>\s*|\bId\s*:\s*|\bID=(?=\d{1,5} Provider=)|[\t,;|]"?|(?<=:\d\d(?:[ \t]?[AP]M)?)[ \t]{1,40})(?<id>${ids})\b(?![.,:/-]\d)`, 'i'), ids.split('|'), true);
}
