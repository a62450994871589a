/**
 * The fields of one CSV row (RFC 4180 quoting: `"…"` with `""` for a quote; the row may hold line
 * breaks inside quotes). Reads at most `max` fields; `sep` is the delimiter (PowerShell's
 * `-UseCulture` writes `;` in many cultures). Linear in the row's length.
 */
export function csvFields(row: string, max = 64, sep = ','): string[] {
  const out: string[] = [];
  let i = 0;
  const n = row.length;
  while (i <= n && out.length < max) {
    while (i < n && row[i] === ' ') i++;
    if (row[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = row.indexOf('"', i);
        if (q === -1) { value += row.slice(i); i = n; break; }
        value += row.slice(i, q);
        if (row[q + 1] === '"') { value += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      out.push(value);
      const comma = row.indexOf(sep, i);
      if (comma === -1) break;
      i = comma + 1;
    } else {
      const comma = row.indexOf(sep, i);
      if (comma === -1) { out.push(row.slice(i).trim()); break; }
      out.push(row.slice(i, comma).trim());
      i = comma + 1;
    }
  }
  return out;
}

/** Number of `"` characters in a text: odd means a quoted field is still open at its end. */
export function quoteCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  return count;
}
