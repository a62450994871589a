import { parentPort, workerData } from 'node:worker_threads';
import { readTextChunks } from './decode';
import { describeIoError } from './ioErrors';

/** What the reading thread posts: the next rendered text, the end, or why it stopped. */
export type RenderedMessage =
  | { readonly text: string; readonly bytesRead: number }
  | { readonly done: true }
  | { readonly error: string };

/** What it is given: the file, and how many texts it may post before the first one is taken. */
export interface RenderTask {
  readonly path: string;
  readonly ahead: number;
}

/**
 * Worker-thread entry (bundled as dist/evtxWorker.js beside dist/cli.js): renders one `.evtx` to its
 * Event XML with the same reader as the main thread (`readTextChunks`) and posts the texts in order.
 * Each message the main thread sends back is one text taken, so no more than `ahead` wait at once.
 */
async function render(port: NonNullable<typeof parentPort>, task: RenderTask): Promise<void> {
  let credit = task.ahead;
  let wake: (() => void) | undefined;
  port.on('message', () => { credit++; wake?.(); });
  try {
    for await (const chunk of readTextChunks(task.path)) {
      while (credit === 0) await new Promise<void>((resolve) => { wake = resolve; });
      wake = undefined;
      credit--;
      port.postMessage({ text: chunk.text, bytesRead: chunk.bytesRead } satisfies RenderedMessage);
    }
    port.postMessage({ done: true } satisfies RenderedMessage);
  } catch (e: unknown) {
    port.postMessage({ error: describeIoError(e) } satisfies RenderedMessage);
  }
  port.close();
}

const port = parentPort;
if (port) void render(port, workerData as RenderTask);
