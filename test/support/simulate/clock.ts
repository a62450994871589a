/**
 * Time stamps as each log writes them. Simulated times are UTC milliseconds; IIS, the svclog and
 * event exports write UTC, the policy module writes the server's local time (CMTrace framing with
 * its bias in minutes, `-60` for UTC+1, as in samples/NDESPlugin.log).
 */
const two = (n: number): string => String(n).padStart(2, '0');

function parts(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number; milli: number } {
  const t = new Date(ms);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), milli: t.getUTCMilliseconds() };
}

/** IIS `date` and `time` columns (whole seconds, UTC). */
export function iisStamp(ms: number): { date: string; time: string } {
  const p = parts(ms);
  return { date: `${p.y}-${two(p.mo)}-${two(p.d)}`, time: `${two(p.h)}:${two(p.mi)}:${two(p.s)}` };
}

/** `u_exYYMMDD.log`: IIS rolls its log at midnight UTC. */
export function iisFileName(ms: number): string {
  const p = parts(ms);
  return `u_ex${two(p.y % 100)}${two(p.mo)}${two(p.d)}.log`;
}

/** CMTrace `time="…"` and `date="…"` for local time `utcOffsetMinutes` ahead of UTC. */
export function cmtraceStamp(ms: number, utcOffsetMinutes: number): { time: string; date: string } {
  const p = parts(ms + utcOffsetMinutes * 60_000);
  const bias = -utcOffsetMinutes;
  return {
    time: `${two(p.h)}:${two(p.mi)}:${two(p.s)}.${String(p.milli).padStart(3, '0')}${bias >= 0 ? '+' : '-'}${Math.abs(bias)}`,
    date: `${two(p.mo)}-${two(p.d)}-${p.y}`,
  };
}

/** ISO-8601 round-trip form with seven fractional digits, as XmlWriterTraceListener and wevtutil write. */
export function systemTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}
