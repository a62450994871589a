import type { MessagePort } from 'node:worker_threads';

/**
 * A file's bytes read once and given to two threads: the thread that reads them copies each piece
 * into a buffer it hands over to the other, which hands the buffer back once it has read it. A
 * file on disk and a zip entry alike, and nothing is inflated twice; a few buffers go round, so
 * neither memory nor allocation grows with the file.
 */

/** What the reading thread posts: a piece (its bytes at the start of a buffer handed over), the end, or why reading stopped. */
type Posted = { readonly buffer: ArrayBuffer; readonly length: number } | { readonly end: true } | { readonly error: string };

/** Pieces (about 1 MB each) on their way or not yet read: the other thread's backlog stays this small. */
const AHEAD = 8;

/**
 * `pieces` as they are read here, each also posted to `port`. Waits while the other thread has
 * `AHEAD` pieces not read yet; once `detached` settles (that thread stopped) it posts nothing more
 * and never waits.
 */
export async function* postedTo(port: MessagePort, pieces: AsyncIterable<Uint8Array>, detached: Promise<unknown>): AsyncGenerator<Uint8Array> {
  const free: ArrayBuffer[] = [];
  let out = 0;
  let wake: (() => void) | undefined;
  // An object: the flag is set in a callback, which the checker's narrowing does not see.
  const other = { gone: false };
  const resume = (): void => { wake?.(); wake = undefined; };
  port.on('message', (returned: ArrayBuffer) => { free.push(returned); out--; resume(); });
  const stop = (): void => { other.gone = true; resume(); };
  detached.then(stop, stop);
  let ended = false;
  try {
    for await (const piece of pieces) {
      while (out === AHEAD && !other.gone) await new Promise<void>((resolve) => { wake = resolve; });
      if (!other.gone) {
        let buffer = free.pop();
        if (!buffer || buffer.byteLength < piece.length) buffer = new ArrayBuffer(piece.length);
        new Uint8Array(buffer).set(piece);
        out++;
        port.postMessage({ buffer, length: piece.length } satisfies Posted, [buffer]);
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

/** The pieces another thread posts with `postedTo`, as they arrive; each buffer goes back once read. */
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
      // Read (decoded into text) by the time the next piece is asked for.
      yield new Uint8Array(m.buffer, 0, m.length);
      port.postMessage(m.buffer, [m.buffer]);
    }
  } finally {
    port.close();
  }
}
