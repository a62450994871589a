import { parseDocument } from '../../../server/src/core/parse';
import { fromXml, type WElement } from './writer';
import { parseXml } from './xml';

/**
 * Events as the channels that matter to NDES Lens write them, for .evtx test files: the System
 * part Windows fills in, and the event's own data.
 */
export const EVENT_NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

export interface EventSpec {
  readonly provider: string;
  readonly guid?: string;
  readonly eventId: number;
  readonly level?: number;
  readonly channel: string;
  readonly computer?: string;
  readonly time?: string;
  /** `<EventData>`: named or unnamed `<Data>` values. */
  readonly data?: readonly (readonly [string | undefined, string])[];
  /** The `Name` of `<EventData>` itself (NDES names its events' data after the event). */
  readonly dataName?: string;
  /** `<UserData>` XML instead (CAPI2 writes its events this way). */
  readonly userData?: string;
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');

/** The Event XML of a spec, as wevtutil would print the event. */
export function eventXml(e: EventSpec): string {
  const guid = e.guid ? ` Guid='${e.guid}'` : '';
  const system = `<System><Provider Name='${escape(e.provider)}'${guid}/><EventID>${e.eventId}</EventID><Version>0</Version><Level>${e.level ?? 2}</Level>`
    + `<Task>0</Task><Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords><TimeCreated SystemTime='${e.time ?? '2024-03-05T08:14:05.1234567Z'}'/>`
    + `<EventRecordID>0</EventRecordID><Correlation/><Execution ProcessID='4242' ThreadID='4711'/><Channel>${escape(e.channel)}</Channel>`
    + `<Computer>${escape(e.computer ?? 'NDES01.contoso.com')}</Computer><Security UserID='S-1-5-18'/></System>`;
  const body = e.userData !== undefined
    ? `<UserData>${e.userData}</UserData>`
    : `<EventData${e.dataName ? ` Name='${escape(e.dataName)}'` : ''}>${(e.data ?? []).map(([name, value]) => `<Data${name ? ` Name='${escape(name)}'` : ''}>${escape(value)}</Data>`).join('')}</EventData>`;
  return `<Event xmlns='${EVENT_NS}'>${system}${body}</Event>`;
}

export const eventOf = (e: EventSpec): WElement => fromXml(parseXml(eventXml(e)));

/** The channels the brief names, one healthy-looking event each and the providers' failures. */
export const CONNECTOR = 'Microsoft-Intune-CertificateConnectors';

/** Where an event of a rule's area is written: provider and channel. */
const AREAS: readonly [RegExp, string, string][] = [
  [/^CC-/, CONNECTOR, `${CONNECTOR}/Admin`],
  [/^CONN-/, 'Microsoft Intune Connector', 'Microsoft Intune Connector'],
  [/^NDES-CAPI2-/, 'Microsoft-Windows-CAPI2', 'Microsoft-Windows-CAPI2/Operational'],
  [/^NDES-EVT-APP-/, 'Application Error', 'Application'],
  [/^NDES-/, 'Microsoft-Windows-NetworkDeviceEnrollmentService', 'Application'],
  [/^CA-/, 'Microsoft-Windows-CertificationAuthority', 'Application'],
  [/^DEV-/, 'Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider', 'Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin'],
];

/** What a sample says about its own event: an export's columns, `Key: value` pairs on one line, or
 * Event Viewer's sentence for an event whose provider is not installed ("… Event ID N from source X …"). */
function namedBySample(sample: string): { provider?: string; eventId?: string; channel?: string } {
  const record = parseDocument(sample, { languageId: 'windows-event-log' }).records.find((r) => r.kind === 'entry');
  const fields = record?.fields ?? {};
  const pair = (key: string): string | undefined => new RegExp(`\\b${key}:[ \\t]*(.+?)(?=[ \\t]+(?:Log Name|Source|Event ID|Level|Description):|$)`).exec(sample)?.[1]?.trim();
  const missing = /\bEvent ID (\d{1,5}) from source (\S+) cannot be found/.exec(sample);
  const named: { provider?: string; eventId?: string; channel?: string } = {};
  // A PowerShell Format-List block flattened onto one line (`Id : 4010 ProviderName : …`).
  const listed = (key: string): string | undefined => new RegExp(`\\b${key}\\s*:\\s*(\\S+)`).exec(sample)?.[1];
  const provider = fields['provider'] ?? pair('Source') ?? listed('ProviderName') ?? missing?.[2];
  const eventId = fields['eventId'] ?? pair('Event ID') ?? listed('Id') ?? missing?.[1];
  const channel = pair('Log Name') ?? (fields['channel'] !== undefined && !fields['channel'].includes(':') ? fields['channel'] : undefined);
  if (provider !== undefined) named.provider = provider;
  if (eventId !== undefined && /^\d{1,5}$/.test(eventId)) named.eventId = eventId;
  if (channel !== undefined) named.channel = channel;
  return named;
}

/**
 * A catalogue sample as the event it describes. Event XML is written as it is. A sample of
 * message text (a text export row, a message alone) becomes an event whose data is that text, as
 * classic sources (.NET EventLog.WriteEntry, Application Error) store their message strings. Its
 * provider, id and channel are those the sample names; a message that names none of them is taken to
 * come from the provider of the rule's area.
 */
export function sampleEvent(ruleId: string, sample: string): WElement {
  if (/<Event[\s>]/.test(sample)) return fromXml(parseXml(sample));
  const area = AREAS.find(([re]) => re.test(ruleId));
  const named = namedBySample(sample);
  // Only a message that names nothing of its event is taken as the area's; otherwise unnamed parts stay neutral.
  const own = named.provider === undefined && named.eventId === undefined && named.channel === undefined;
  return eventOf({
    provider: named.provider ?? (own ? area?.[1] : undefined) ?? 'Application',
    eventId: Number(named.eventId ?? 0),
    channel: named.channel ?? (own ? area?.[2] : undefined) ?? 'Application',
    data: [[undefined, sample]],
  });
}
