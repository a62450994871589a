import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CompactLineIndex } from '../../server/src/node/lineIndex';
import { WorkerPool } from '../../server/src/node/pool';

/**
 * The worker pool: a worker that exits, throws outside its handler or answers with an error fails
 * only the task it held; the other tasks still get their results, from a fresh worker if need be.
 */

const dir = mkdtempSync(join(tmpdir(), 'ndes-pool-'));
after(() => { rmSync(dir, { recursive: true, force: true }); });

const script = join(dir, 'worker.js');
writeFileSync(script, `const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, task }) => {
  if (task === 'exit') process.exit(7);
  if (task === 'throw') { setImmediate(() => { throw new Error('boom'); }); return; }
  if (task === 'error') { parentPort.postMessage({ id, error: 'bad input' }); return; }
  parentPort.postMessage({ id, progress: task.length });
  parentPort.postMessage({ id, result: task.toUpperCase() });
});
`);

test('a worker that exits or throws fails its own task; the rest are analysed', async () => {
  const pool = new WorkerPool<string, string>(script, 2);
  const progress: number[] = [];
  try {
    const tasks = ['a', 'exit', 'bb', 'throw', 'ccc', 'error', 'dddd'];
    const settled = await Promise.allSettled(tasks.map((t) => pool.run(t, { onProgress: (n) => { progress.push(n); } })));
    const shown = settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message));
    assert.deepEqual(shown, [
      'A', 'the analysis worker stopped (exit code 7)', 'BB', 'the analysis worker failed: boom', 'CCC', 'bad input', 'DDDD',
    ]);
    assert.deepEqual(progress.sort(), [1, 2, 3, 4]);
  } finally {
    await pool.close();
  }
});

test('closing the pool cancels what is still queued', async () => {
  const pool = new WorkerPool<string, string>(script, 1);
  const all = Promise.allSettled(['a', 'b', 'c'].map((t) => pool.run(t)));
  await pool.close();
  const settled = await all;
  assert.ok(settled.every((s) => s.status === 'rejected' && (s.reason as Error).message === 'cancelled'));
  await assert.rejects(pool.run('d'), /closed/);
});

test('a line index crosses threads as plain data and answers the same', () => {
  const index = new CompactLineIndex();
  const text = `a\r\nbb\rccc\n${'x'.repeat(70_000)}\n${'y\n'.repeat(140_000)}tail\r`;
  index.append(text.slice(0, 5), 0);
  index.append(text.slice(5), 5);
  const copy = CompactLineIndex.fromData(structuredClone(index.toData()));
  assert.equal(copy.lineCount, index.lineCount);
  for (const offset of [0, 1, 3, 4, 6, 9, 10, 70_011, 70_012, 200_000, text.length - 1, text.length]) {
    assert.deepEqual(copy.positionAt(offset), index.positionAt(offset), `offset ${offset}`);
  }
  // Appends after the crossing still land (a CR at the end waits for its LF).
  index.append('\nz', text.length);
  copy.append('\nz', text.length);
  assert.deepEqual(copy.positionAt(text.length + 1), index.positionAt(text.length + 1));
  assert.equal(copy.lineCount, index.lineCount);
});

test('a worker that cannot start fails each task with the reason', async () => {
  const pool = new WorkerPool<string, string>(join(dir, 'missing.js'), 2);
  try {
    const settled = await Promise.allSettled(['a', 'b', 'c'].map((t) => pool.run(t)));
    for (const s of settled) {
      assert.equal(s.status, 'rejected');
      assert.match((s.reason as Error).message, /analysis worker/);
    }
  } finally {
    await pool.close();
  }
});
