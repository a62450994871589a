import type { EvtxNote } from './chunk';
import { crc32, type Checksum } from './bytes';
import { EvtxReader } from './reader';

/**
 * EVTX bytes to the text every NDES Lens reader takes: one `<Events>` document as
 * `wevtutil qe FILE /lf:true /f:xml /e:Events` writes it, one event per line. What could not be
 * read is written in place as a comment that starts with `NOTE_PREFIX`; the event log scanner
 * turns those into notes at the same spot, so the editor, the CLI and `convert` all show them.
 */
export const NOTE_PREFIX = '<!-- evtx: ';
export const NOTE_SUFFIX = ' -->';
export const EVENTS_OPEN = '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<Events>\n';
export const EVENTS_CLOSE = '</Events>\n';

export interface EvtxText {
  /** Text for the bytes pushed so far (the opening lines come with the first call). */
  push(bytes: Uint8Array): string;
  /** The rest of the text, `</Events>` included. */
  end(): string;
  readonly events: number;
  readonly notes: readonly EvtxNote[];
}

/** Notes kept for a summary; the text holds them all. */
const MAX_KEPT_NOTES = 1000;

/** `checksum`: the host's CRC-32 when it has a faster one (`Checksum`). */
export function createEvtxText(checksum: Checksum = crc32): EvtxText {
  let out: string[] = [EVENTS_OPEN];
  let events = 0;
  const notes: EvtxNote[] = [];
  const reader = new EvtxReader({
    event: (e) => { events++; out.push(e.xml, '\n'); },
    note: (n) => {
      if (notes.length < MAX_KEPT_NOTES) notes.push(n);
      out.push(noteLine(n.message), '\n');
    },
  }, checksum);
  const take = (): string => { const s = out.join(''); out = []; return s; };
  return {
    push: (bytes) => { reader.push(bytes); return take(); },
    end: () => { reader.end(); out.push(EVENTS_CLOSE); return take(); },
    get events() { return events; },
    notes,
  };
}

/** A note as an XML comment; `--` cannot occur inside one, so it is spelled out. */
export function noteLine(message: string): string {
  return `${NOTE_PREFIX}${message.replace(/-{2,}/g, '-').replace(/[\r\n]+/g, ' ')}${NOTE_SUFFIX}`;
}

/** The whole text of an EVTX file held in memory (small files, tests). */
export function evtxToText(bytes: Uint8Array): string {
  const t = createEvtxText();
  return t.push(bytes) + t.end();
}
