import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TextChunk } from './decode';
import type { RenderedMessage, RenderTask } from './evtxWorker';

/**
 * Beside the module that loads it: dist/evtxWorker.js next to dist/cli.js once bundled,
 * out/server/src/node/evtxWorker.js when run from tsc's output (the tests).
 */
const RENDER_SCRIPT = join(__dirname, 'evtxWorker.js');

/** Rendered texts (about 100 KB each) the reading thread may keep ready: memory stays flat. */
const AHEAD = 16;

/** Whether an `.evtx` can be rendered on a thread of its own here (its worker script is beside this one). */
export function canRenderAside(): boolean {
  return existsSync(RENDER_SCRIPT);
}

/**
 * The Event XML of an `.evtx`, chunk by chunk as `readTextChunks` gives it, rendered on another
 * thread while this one runs the rules on the texts already read: rendering is about 40% of the
 * work of checking an event log. The texts are the same strings in the same order, so the findings are too.
 */
export async function* renderAside(path: string): AsyncGenerator<TextChunk> {
  // A small young generation: the thread allocates fast and, left to grow it, held 150 MB at the end of a
  // 120 MB .evtx (104 MB for 16 MB); with 8 MB, 120 against 97 MB. (2 MB promoted more and grew it more.)
  const worker = new Worker(RENDER_SCRIPT, {
    workerData: { path, ahead: AHEAD } satisfies RenderTask,
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const waiting: RenderedMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const arrive = (): void => { wake?.(); wake = undefined; };
  worker.on('message', (m: RenderedMessage) => { waiting.push(m); arrive(); });
  worker.on('error', (e: Error) => { failure = e; arrive(); });
  worker.on('exit', (code: number) => { failure ??= new Error(`the event log reader stopped (exit code ${code})`); arrive(); });
  try {
    for (;;) {
      const m = waiting.shift();
      if (!m) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => { wake = resolve; });
        continue;
      }
      if ('done' in m) return;
      if ('error' in m) throw new Error(m.error);
      worker.postMessage(1);
      yield m;
    }
  } finally {
    void worker.terminate();
  }
}
