import { requireOneOf } from './literals';

/**
 * An event exported as Event XML without its message text (a binary .evtx as NDES Lens renders it,
 * `wevtutil qe /f:xml` without /rd): only the provider, the event id and the insertion strings are
 * left, so a rule that reads the message needs a second pattern for this shape. `provider` is a
 * pattern for the provider's name; `ids` an alternation of its event ids (the match's `id` group,
 * checked against the record's own event id); `data` is matched from the start of EventData. The
 * manifests name the values, but names are not always written, so `dataValue` takes a value with any
 * name or none and the patterns rely on the order of the values. No gap crosses into another event,
 * so a run of events costs each one its own text.
 */
export function eventXml(provider: string, ids: string, data = ''): RegExp {
  return requireOneOf(new RegExp(
    String.raw`<Provider\s+Name=["']${provider}["'][^<>]{0,200}>(?:[^<]|<(?!\/System>|\/?Event\b)){0,2000}?`
    + String.raw`<EventID\b[^<>]{0,80}>\s*(?<id>${ids})\s*<\/EventID>`
    + (data === '' ? '' : String.raw`(?:[^<]|<(?!EventData\b|\/?Event\b)){0,2000}?<EventData\b[^<>]{0,100}>\s*${data}`),
    'i'), ids.split('|'), true);
}

/** One `<Data>` value of EventData (named or not) whose text matches `value`, and the blanks after it. */
export function dataValue(value: string): string {
  return String.raw`<Data\b[^<>]{0,80}>\s*${value}\s*<\/Data>\s*`;
}

/** Any one value, skipped (its text is one run: no blanks around it to backtrack over). */
export const ANY_DATA = String.raw`<Data\b[^<>]{0,80}>[^<]{0,400}<\/Data>\s*`;

/** What a provider's own events carry beside its name: its GUID, its classic source name, the id's qualifiers. */
export interface SampleSystem {
  readonly guid?: string;
  readonly sourceName?: string;
  readonly qualifiers?: number;
}

/** Samples: an event as its .evtx holds it, without the message; `data` is [name, value] pairs. */
export function eventXmlSample(provider: string, id: number, level: number, data: readonly (readonly [string | undefined, string])[], channel = 'Application', system: SampleSystem = {}): string {
  const values = data.map(([name, value]) => `<Data${name === undefined ? '' : ` Name='${name}'`}>${value}</Data>`).join('');
  const guid = system.guid === undefined ? '' : ` Guid='${system.guid}'`;
  const sourceName = system.sourceName === undefined ? '' : ` EventSourceName='${system.sourceName}'`;
  const qualifiers = system.qualifiers === undefined ? '' : ` Qualifiers='${system.qualifiers}'`;
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='${provider}'${guid}${sourceName}/><EventID${qualifiers}>${id}</EventID><Version>0</Version><Level>${level}</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='2024-03-05T08:14:05.1234567Z'/><EventRecordID>4711</EventRecordID><Correlation/><Execution ProcessID='1304' ThreadID='2210'/><Channel>${channel}</Channel><Computer>CA01.contoso.com</Computer><Security/></System><EventData>${values}</EventData></Event>`;
}
