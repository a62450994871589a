import type { MessagePort } from 'node:worker_threads';

/**
 * A file's bytes read once and given to two threads: the thread that reads them posts a copy of each
 * piece to the other (a file on disk and a zip entry alike, and nothing is inflated twice).
 */

/** What the reading thread posts: a piece, the end, or why reading stopped. */
type Posted = { readonly piece: Uint8Array } | { readonly end: true } | { readonly error: string };

/** Pieces (about 1 MB each) posted and not yet taken: the other thread's backlog, and so its memory, stays small. */
const AHEAD = 8;

/**
 * `pieces` as they are read here, each also posted to `port` (copied: a file's reader reuses its
 * buffer). Waits while the other thread is `AHEAD` pieces behind; once `detached` settles (that
 * thread stopped) it posts nothing more and never waits.
 */
export async function* postedTo(port: MessagePort, pieces: AsyncIterable<Uint8Array>, detached: Promise<unknown>): AsyncGenerator<Uint8Array> {
  let credit = AHEAD;
  let wake: (() => void) | undefined;
  // An object: the flag is set in a callback, which the checker's narrowing does not see.
  const other = { gone: false };
  const resume = (): void => { wake?.(); wake = undefined; };
  port.on('message', () => { credit++; resume(); });
  const stop = (): void => { other.gone = true; resume(); };
  detached.then(stop, stop);
  let ended = false;
  try {
    for await (const piece of pieces) {
      while (credit === 0 && !other.gone) await new Promise<void>((resolve) => { wake = resolve; });
      if (!other.gone) {
        credit--;
        port.postMessage({ piece } satisfies Posted);
      }
      yield piece;
    }
    ended = true;
    if (!other.gone) port.postMessage({ end: true } satisfies Posted);
  } finally {
    // Reading stopped here (an error, a bundle limit): the other thread stops too. That thread
    // closes the channel once it has the last message; if it is gone, nothing else will.
    if (!ended && !other.gone) port.postMessage({ error: 'the file was not read to its end' } satisfies Posted);
    if (other.gone) port.close();
    else {
      const close = (): void => { port.close(); };
      detached.then(close, close);
    }
  }
}

/** The pieces another thread posts with `postedTo`, as they arrive; each one taken is acknowledged. */
export async function* postedFrom(port: MessagePort): AsyncGenerator<Uint8Array> {
  const waiting: Posted[] = [];
  let wake: (() => void) | undefined;
  port.on('message', (m: Posted) => { waiting.push(m); wake?.(); wake = undefined; });
  try {
    for (;;) {
      const m = waiting.shift();
      if (!m) { await new Promise<void>((resolve) => { wake = resolve; }); continue; }
      if ('error' in m) throw new Error(m.error);
      if ('end' in m) return;
      port.postMessage(1);
      yield m.piece;
    }
  } finally {
    port.close();
  }
}
