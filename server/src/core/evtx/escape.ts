/** Text and attribute values as Event XML escapes them (`wevtutil` writes `&apos;` inside attributes). */
export function escapeText(s: string): string {
  return /[&<>]/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : s;
}

export function escapeQuotes(s: string): string {
  return s.includes("'") ? s.replace(/'/g, '&apos;') : s;
}
