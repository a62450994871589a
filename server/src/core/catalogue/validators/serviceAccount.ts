import { EXPLICIT_LOGON_RIGHTS, NOT_IN_IIS_IUSRS, SERVICE_ACCOUNT_PROBLEM } from '../validation';
import { defineValidator, type ModelValidator, type ValidatorFinding, type ValidatorScan } from '../define';
import { finding, head, placeOf, type Place } from './place';

/**
 * VAL-SERVICE-ACCOUNT for "NDES Service Account is not a member of the local IIS_IUSR group". The
 * validation script logs that line as an error and then checks the local security policy: when the
 * account holds the logon rights (locally, as a service, as a batch job) explicitly, it logs that as a
 * success and only suggests the group instead. Such a line is reported at the entry's milder severity;
 * one that no such success follows (before the next "not a member" line) keeps the full severity.
 * The entry's other checks are single lines.
 */
const ID = 'VAL-SERVICE-ACCOUNT';

export const SERVICE_ACCOUNT: ModelValidator = defineValidator({
  ids: [ID],
  formats: ['cmtrace-log', 'plain-text'],
  start: () => serviceAccountScan([], undefined),
});

function serviceAccountScan(out: readonly ValidatorFinding[], pending: Place | undefined): ValidatorScan {
  const done = [...out];
  let open = pending;
  return {
    step(record, index) {
      if (record.kind !== 'entry') return;
      const text = head(record);
      const missing = NOT_IN_IIS_IUSRS.exec(text);
      if (missing) {
        if (open) done.push(finding(ID, open, SERVICE_ACCOUNT_PROBLEM));
        open = placeOf(record, index, missing.index, missing[0].length);
        return;
      }
      if (open && EXPLICIT_LOGON_RIGHTS.test(text)) {
        done.push({ ...finding(ID, open, SERVICE_ACCOUNT_PROBLEM), milder: true });
        open = undefined;
      }
    },
    results: () => [...done, ...(open ? [finding(ID, open, SERVICE_ACCOUNT_PROBLEM)] : [])].sort((a, b) => a.start - b.start),
    fork: () => serviceAccountScan(done, open),
  };
}
