import { parentPort, type MessagePort } from 'node:worker_threads';
import type { Signature } from '../core/catalogue/define';
import { rulesWith } from '../core/rules';
import { analyseFile, type SharePattern } from './analyse';
import { describeIoError } from './ioErrors';
import { postedFrom } from './sharedBytes';
import type { WorkerReply, WorkerRequest } from './pool';
import { toWire, transferables, type WireFile } from './wire';

/** One file for a worker: a path on disk and the streaming options (never a model, never a redactor). */
export interface AnalyseTask {
  readonly path: string;
  readonly foldEvidence: boolean;
  readonly facts: boolean;
  /** The command's team signatures (none: the built-in rules only). */
  readonly team: readonly Signature[];
  /**
   * The worker's share of a file the main thread reads too (`pattern`), the file's bytes as the
   * main thread posts them on `bytes` (`path` is then only shown), its format known by `fileName`.
   */
  readonly share?: { readonly pattern: SharePattern; readonly bytes: MessagePort; readonly fileName: string };
}

/** Progress is posted at most this often: a message per 32 KB chunk would cost more than it shows. */
const PROGRESS_MS = 100;

/**
 * Worker-thread entry (bundled as dist/analyseWorker.js beside dist/cli.js): analyses the files the
 * pool sends, one at a time, with the same `analyseFile` as the main thread.
 */
async function analyse(port: NonNullable<typeof parentPort>, { id, task }: WorkerRequest<AnalyseTask>): Promise<void> {
  let last = 0;
  try {
    const file = await analyseFile(task.path, {
      foldEvidence: task.foldEvidence, facts: task.facts,
      ...(task.share ? { share: { side: 'worker', ...task.share.pattern }, bytes: postedFrom(task.share.bytes), fileName: task.share.fileName } as const : {}),
      ...(task.team.length > 0 ? { catalogue: rulesWith(task.team).catalogue } : {}),
      onProgress: (bytes) => {
        const now = Date.now();
        if (now - last < PROGRESS_MS) return;
        last = now;
        port.postMessage({ id, progress: bytes } satisfies WorkerReply<WireFile>);
      },
    });
    const wire = toWire(file);
    port.postMessage({ id, result: wire } satisfies WorkerReply<WireFile>, transferables(wire));
  } catch (e: unknown) {
    // An I/O error reads as it would on the main thread (collect describes it the same way).
    port.postMessage({ id, error: describeIoError(e) } satisfies WorkerReply<WireFile>);
  }
}

const port = parentPort;
if (port) port.on('message', (request: WorkerRequest<AnalyseTask>) => { void analyse(port, request); });
