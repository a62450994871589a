// A binary Windows event log for the benchmark, written with the tests' EVTX writer
// (test/support/evtx, compiled to out/ by `tsc -b`): the connector's Operational channel, healthy
// SCEP events with one failure in 100. Streamed to disk a batch of chunks at a time.
import { closeSync, openSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { writeEvtx, fileHeader } = require('../out/test/support/evtx/writer.js');
const { eventOf, CONNECTOR } = require('../out/test/support/evtx/events.js');

const BATCH = 2000;

/** Writes about `targetBytes` of .evtx to `path`; returns how many failure events it holds. */
export function generateEvtx(path, targetBytes) {
  const fd = openSync(path, 'w');
  writeSync(fd, new Uint8Array(0x1000)); // the header, written last when the counts are known
  let bytes = 0x1000;
  let id = 1n;
  let chunks = 0;
  let failures = 0;
  while (bytes < targetBytes) {
    const events = [];
    for (let i = 0; i < BATCH; i++) {
      const n = Number(id) + i;
      const failed = n % 100 === 0;
      if (failed) failures++;
      const time = new Date(Date.UTC(2024, 2, 5, 7, 0, 0) + n * 250).toISOString().replace('Z', '0000Z');
      events.push(eventOf({
        provider: CONNECTOR, guid: '{E5F5A3B1-6A0E-4C1B-9D6B-6F1D0E5D2C11}', eventId: failed ? 4005 : 4003, level: failed ? 2 : 4,
        channel: `${CONNECTOR}/Operational`, time,
        data: [['TransactionId', `${n.toString(16).padStart(8, '0')}-5e2f-4c1b-9d6b-6f1d0e5d2c11`], ['DeviceId', `device-${n % 5000}`], ['Result', failed ? 'ScepVerifyFailure' : 'ScepVerifySuccess']],
      }));
    }
    const file = writeEvtx(events, { firstRecordId: id });
    const body = file.subarray(0x1000);
    writeSync(fd, body);
    bytes += body.length;
    chunks += body.length / 0x10000;
    id += BigInt(BATCH);
  }
  writeSync(fd, fileHeader(chunks, id), 0, 0x1000, 0);
  closeSync(fd);
  return { failures };
}
