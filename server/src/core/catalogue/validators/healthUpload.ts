import { detach } from '../../text';
import { timeMs } from '../../time';
import { healthEventOf, HEALTH_UPLOAD_FAILED } from '../unifiedConnector';
import { defineValidator, type ModelValidator, type ValidatorFinding, type ValidatorScan } from '../define';
import { finding, head, placeOf, type Place } from './place';

/**
 * CC-EVT-HEALTH-UPLOAD for event 5001 (HealthMessageUploadFailedAttempt): a failed health upload
 * that no 5000 (HealthMessageUploadSuccess) of the same connector answers within the window. The
 * connector retries a failed upload on its own, so a 5001 with a success soon after it was a passing
 * hiccup; 5002 (the connector gave up) stays a per-record error of the same entry.
 *
 * Event exports list events newest first (Event Viewer's .csv/.txt, Get-WinEvent) or oldest first
 * (.evtx, wevtutil), so with times the pairing is by time in either direction; records without a
 * time (lines pasted without their export's columns) pair by order: a success after the attempt
 * answers it. The connector is the event's Computer where the export names it; where either event
 * does not name it (Event Viewer's .csv/.txt), they pair with any.
 */
const ID = 'CC-EVT-HEALTH-UPLOAD';
/**
 * How soon a success must follow a failed attempt. Microsoft documents neither the connector's retry
 * interval nor how often it uploads its health; the retry comes soon after the failure (30 s in the
 * healthy logs this was tuned on). 15 minutes leaves room for several retries, or for the next
 * regular upload to go through, and is still short enough that a connector cut off from Intune for
 * longer than that is reported.
 */
const RETRY_WINDOW_MS = 15 * 60_000;
const MESSAGE = HEALTH_UPLOAD_FAILED.replace('{id}', '5001');

interface Attempt {
  readonly place: Place;
  readonly time: number | undefined;
  readonly computer: string | undefined;
}

interface Success {
  readonly time: number;
  readonly computer: string | undefined;
}

export const HEALTH_UPLOAD: ModelValidator = defineValidator({
  ids: [ID],
  formats: ['windows-event-log'],
  start: () => healthUploadScan([], []),
});

const sameConnector = (a: string | undefined, b: string | undefined): boolean => a === undefined || b === undefined || a === b;
/** With both times, within the window after the attempt; without, the success came later in the log. */
const answers = (success: { time: number | undefined; computer: string | undefined }, attempt: Attempt): boolean =>
  sameConnector(success.computer, attempt.computer)
  && (success.time === undefined || attempt.time === undefined || (success.time >= attempt.time && success.time - attempt.time <= RETRY_WINDOW_MS));

/**
 * `open`: the attempts no success has answered yet. `successes`: every timed success read so far,
 * for the attempts a newest-first export lists after their answer (one number and a name per
 * success: a month of uploads every few minutes is a few thousand).
 */
function healthUploadScan(open: readonly Attempt[], successes: readonly Success[]): ValidatorScan {
  let waiting = [...open];
  const seen = [...successes];
  return {
    step(record, index) {
      if (record.kind !== 'entry') return;
      const text = head(record);
      const event = healthEventOf(record, text);
      if (!event) return;
      const name = record.fields?.['computer']?.trim().toLowerCase();
      // A copy: a slice of the record's text would keep its read chunk alive.
      const computer = name ? detach(name) : undefined;
      const time = timeMs(record.time);
      if (event.outcome === 'success') {
        const success = { time, computer };
        if (waiting.length > 0) waiting = waiting.filter((a) => !answers(success, a));
        if (time !== undefined) seen.push({ time, computer });
        return;
      }
      const attempt: Attempt = { place: placeOf(record, index, event.at, event.length), time, computer };
      // Newest first: the answer, if any, was read before. The latest successes are the likeliest.
      if (time !== undefined) {
        for (let i = seen.length - 1; i >= 0; i--) {
          const s = seen[i];
          if (s && answers(s, attempt)) return;
        }
      }
      waiting.push(attempt);
    },
    results: () => waiting.map((a): ValidatorFinding => ({ ...finding(ID, a.place, MESSAGE), milder: true })).sort((a, b) => a.start - b.start),
    fork: () => healthUploadScan(waiting, seen),
  };
}
