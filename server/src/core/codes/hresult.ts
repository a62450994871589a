/** HRESULTs (and the zero success value and device-management statuses printed the same way). */
import { SRC, hex8, toUnsigned32 } from './tables';
import { decoding, fromInfo, memo, type CodeDecoding } from './decoding';
import { DM_BY_VALUE, HRESULT_BY_VALUE, IIS_BY_KEY, IIS_BY_STATUS, WIN32_BY_CODE, WINHTTP_BY_CODE } from './lookup';

const ZERO_SUCCESS: CodeDecoding = decoding(
  'hresult',
  '0x00000000',
  'Zero: the call succeeded (S_OK / ERROR_SUCCESS).',
  SRC.policyModule,
  {
    symbol: 'S_OK',
    ndesContext: 'NDESPlugin.log "Exiting VerifyRequest with 0x0" / "Exiting Notify with 0x0": that policy-module step succeeded.',
  },
);

/** How reliable an HRESULT reading is; weak readings are only used when the hex is written with 0x. */
type Strength = 'table' | 'known' | 'generic';

interface HresultReading {
  readonly decoding: CodeDecoding;
  readonly strength: Strength;
}

function httpStatusTitle(status: number): string | undefined {
  return IIS_BY_STATUS.get(status)?.title ?? IIS_BY_KEY.get(`${status}.0`)?.title;
}

const readHresult = memo(readHresultUncached);

function readHresultUncached(input: number): HresultReading | undefined {
  if (!Number.isInteger(input) || input < -0x80000000 || input > 0xffffffff) return undefined;
  const v = toUnsigned32(input);
  const code = hex8(v);
  const row = HRESULT_BY_VALUE.get(v);
  if (row !== undefined) {
    return {
      strength: 'table',
      decoding: fromInfo('hresult', code, row, { symbol: row.symbol, derived: row.group === 'http-facility' && row.unconfirmed === true }),
    };
  }
  if (v === 0) return { strength: 'table', decoding: ZERO_SUCCESS };
  const dm = DM_BY_VALUE.get(v);
  if (dm !== undefined) return { strength: 'table', decoding: fromInfo('dm-status', code, dm, { symbol: dm.symbol }) };
  if (v < 0x80000000) return undefined;
  const facility = (v >>> 16) & 0x1fff;
  const low = v & 0xffff;
  if (facility === 7) {
    const wh = WINHTTP_BY_CODE.get(low);
    if (wh !== undefined) {
      return {
        strength: 'table',
        decoding: fromInfo('hresult', code, wh, { symbol: wh.name }, `HRESULT form of WinHTTP error ${low}: ${wh.meaning}`),
      };
    }
    const w = WIN32_BY_CODE.get(low);
    if (w !== undefined) {
      return {
        strength: 'known',
        decoding: fromInfo('hresult', code, w, { symbol: w.symbol, derived: true }, `HRESULT form of Win32 error ${low} (low 16 bits of a 0x8007xxxx code): ${w.meaning}`),
      };
    }
    return {
      strength: 'generic',
      decoding: decoding('hresult', code, `HRESULT wrapping Win32 error ${low} (0x8007xxxx: the low 16 bits are the Win32 code); that Win32 code is not in the NDES Lens tables.`, SRC.hresultFromWin32, { derived: true }),
    };
  }
  if (facility === 0x19 && low >= 100 && low <= 599) {
    const title = httpStatusTitle(low);
    const iis = IIS_BY_STATUS.get(low) ?? IIS_BY_KEY.get(`${low}.0`);
    return {
      strength: 'known',
      decoding: decoding(
        'hresult',
        code,
        `HTTP ${low}${title !== undefined ? ` (${title})` : ''} returned by the server, expressed as an HRESULT (FACILITY_HTTP: the low 16 bits are the HTTP status).`,
        SRC.goWindows,
        { derived: true, ndesContext: iis?.ndesContext },
      ),
    };
  }
  return undefined;
}

/**
 * Decode an HRESULT given as a number (signed or unsigned 32-bit). Table rows first, then the zero
 * success value, device-management statuses, and the facility rules (0x8007xxxx → Win32 / WinHTTP code,
 * 0x8019xxxx → HTTP status).
 */
export function decodeHresult(value: number): CodeDecoding | undefined {
  return readHresult(value)?.decoding;
}

/** HRESULT reading that is safe without an explicit 0x prefix (table row or known facility code). */
export function strongHresult(value: number): CodeDecoding | undefined {
  const r = readHresult(value);
  if (r === undefined || r.strength === 'generic') return undefined;
  if (toUnsigned32(value) < 0x80000000) return undefined;
  return r.decoding;
}
