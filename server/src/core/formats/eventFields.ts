/** What every event export reader (eventlog.ts, json.ts) makes of the same event properties. */

/** An event's level as a number (Event XML's `<Level>`, Get-WinEvent's `Level`) by its name. */
export const NUMERIC_LEVELS: Readonly<Record<string, string>> = { '0': 'Information', '1': 'Critical', '2': 'Error', '3': 'Warning', '4': 'Information', '5': 'Verbose' };

/**
 * Get-EventLog's `InstanceId` holds the event id in its low 16 bits, with the severity and facility
 * above (3221225503 is event 31 at level error). It fills the event id only when the export has no
 * `EventID` or `Id` of its own, and is no field itself.
 */
export function eventIdFromInstance(fields: Record<string, string>): void {
  const instance = fields['instanceId']?.trim();
  delete fields['instanceId'];
  if (fields['eventId'] === undefined && instance !== undefined && /^\d{1,10}$/.test(instance)) fields['eventId'] = String(Number(instance) % 65536);
}
