import { columnOf, httpStatusOf } from '../../records';
import { detach } from '../../text';
import { timeMs } from '../../time';
import { ADMIN_LOGON_UNANSWERED, ADMIN_PAGE_GET, isAdminLogonChallenge } from '../deviceToNdes';
import { defineValidator, type ModelValidator, type ValidatorFinding, type ValidatorScan } from '../define';
import { finding, head, placeOf, type Place } from './place';

/**
 * NDES-IIS-MSCEPADMIN-401-2: a browser's anonymous first request to the NDES admin page (401.2)
 * that no answered request from the same client follows. The page uses Windows authentication, so
 * every visit starts with that 401.2; IIS answers the page (2xx, or 3xx to add its slash) only to
 * a client that logged on, so such an answer closes the handshake. Lines without a client address
 * (a pasted excerpt) pair with any client.
 */
const ID = 'NDES-IIS-MSCEPADMIN-401-2';
/** A browser answers the challenge at once; a person typing into a credential prompt takes longer. */
const LOGON_WINDOW_MS = 5 * 60_000;

interface OpenChallenge {
  readonly place: Place;
  readonly time: number | undefined;
  readonly client: string | undefined;
}

export const ADMIN_LOGON: ModelValidator = defineValidator({
  ids: [ID],
  formats: ['iis-w3c-log'],
  start: () => adminLogonScan([], []),
});

function adminLogonScan(out: ValidatorFinding[], open: readonly OpenChallenge[]): ValidatorScan {
  let waiting = [...open];
  return {
    step(record, index) {
      if (record.kind !== 'entry') return;
      const text = head(record);
      const get = ADMIN_PAGE_GET.exec(text);
      if (!get) return;
      const ip = columnOf(record, 'c-ip');
      // A copy: a slice of the record's text would keep its read chunk alive.
      const client = ip === undefined || ip === '-' ? undefined : detach(ip);
      const time = timeMs(record.time);
      if (isAdminLogonChallenge(record)) {
        waiting.push({ place: placeOf(record, index, get.index, get[0].length), time, client });
        return;
      }
      const status = httpStatusOf(record)?.status;
      if (status === undefined || status < 200 || status >= 400) return;
      waiting = waiting.filter((o) => {
        if (o.client !== undefined && client !== undefined && o.client !== client) return true;
        if (o.time !== undefined && time !== undefined && time - o.time > LOGON_WINDOW_MS) out.push(finding(ID, o.place, ADMIN_LOGON_UNANSWERED));
        return false;
      });
    },
    results: () => [...out, ...waiting.map((o) => finding(ID, o.place, ADMIN_LOGON_UNANSWERED))].sort((a, b) => a.start - b.start),
    fork: () => adminLogonScan([...out], waiting),
  };
}
