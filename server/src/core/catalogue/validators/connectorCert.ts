import { detach } from '../../text';
import { CONNECTOR_CERT_EXPIRED, CONNECTOR_CERT_EXPIRED_LINE } from '../lifecycle';
import { defineValidator, type ModelValidator, type ValidatorFinding, type ValidatorScan } from '../define';
import { finding, head, placeOf, type Place } from './place';

/**
 * CC-CONNECTOR-CERT-EXPIRED: the validation script's connector certificate check lists every
 * certificate the Microsoft Intune ImportPFX Connector CA issued, one line each ("Certificate is
 * expired! …" or "Certificate is valid from: … until: …"), after a count line when there are several.
 * The connector renews its certificate and the old one stays in the store, so a healthy connector's
 * check shows an expired certificate next to a valid one. An expired certificate is reported only
 * when no certificate of the same check is valid.
 *
 * A check is the run of such lines one after the other (blank lines between them allowed); the count
 * line, or any other line, ends the run before it.
 */
const ID = 'CC-CONNECTOR-CERT-EXPIRED';
const VALID = /\bCertificate is valid from: [^\r\n]{1,60}? until: /i;
const COUNT = /\b\d{1,4} certificates issued by '[^'\r\n]{1,200}' found\b/i;

interface Expired {
  readonly place: Place;
  readonly date: string;
}

interface Run {
  readonly expired: readonly Expired[];
  readonly valid: boolean;
}

const EMPTY: Run = { expired: [], valid: false };

export const CONNECTOR_CERT: ModelValidator = defineValidator({
  ids: [ID],
  formats: ['cmtrace-log', 'plain-text'],
  start: () => connectorCertScan([], EMPTY),
});

const reported = (run: Run): ValidatorFinding[] =>
  run.valid ? [] : run.expired.map((e) => finding(ID, e.place, CONNECTOR_CERT_EXPIRED.replace('{date}', e.date)));

function connectorCertScan(out: readonly ValidatorFinding[], from: Run): ValidatorScan {
  const done = [...out];
  let run = from;
  return {
    step(record, index) {
      if (record.kind !== 'entry') return;
      const text = head(record);
      if (text.trim() === '') return;
      const m = CONNECTOR_CERT_EXPIRED_LINE.exec(text);
      if (m) {
        // A copy of the date: a slice of the record's text would keep the record's read chunk alive.
        run = { ...run, expired: [...run.expired, { place: placeOf(record, index, m.index, m[0].length), date: detach(m.groups?.['date'] ?? '') }] };
        return;
      }
      if (VALID.test(text)) {
        run = { ...run, valid: true };
        return;
      }
      // The count line opens the next check; any other line ends this one.
      if (run !== EMPTY) done.push(...reported(run));
      run = COUNT.test(text) ? { expired: [], valid: false } : EMPTY;
    },
    results: () => [...done, ...reported(run)].sort((a, b) => a.start - b.start),
    fork: () => connectorCertScan(done, run),
  };
}
