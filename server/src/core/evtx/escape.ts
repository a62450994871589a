/** Text and attribute values as Event XML escapes them (`wevtutil` writes `&apos;` inside attributes). */
export function escapeText(s: string): string {
  return needsEscape(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s;
}

/** Whether `s` holds `&`, `<` or `>`: a loop, as most values are short and a regex call costs more. */
function needsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 || c === 60 || c === 62) return true;
  }
  return false;
}

export function escapeQuotes(s: string): string {
  return s.includes("'") ? s.replace(/'/g, '&apos;') : s;
}
