import type { ModelValidator } from '../define';
import { ADMIN_LOGON } from './adminLogon';
import { CONNECTOR_CERT } from './connectorCert';
import { SERVICE_ACCOUNT } from './serviceAccount';
import { HEALTH_UPLOAD } from './healthUpload';
import { GETCACERT_WITHOUT_GETCACAPS, PLUGIN_CALLS } from './policyModule';

/** The catalogue's multi-record rules, registered in `BUILTIN.validators`. */
export const POLICY_VALIDATORS: readonly ModelValidator[] = [GETCACERT_WITHOUT_GETCACAPS, PLUGIN_CALLS, ADMIN_LOGON, HEALTH_UPLOAD, CONNECTOR_CERT, SERVICE_ACCOUNT];
