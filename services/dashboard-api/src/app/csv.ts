/**
 * RFC 4180 CSV: every field that holds a comma, a quote, a line break or
 * leading/trailing space is quoted, quotes doubled; lines end in CRLF. Fields
 * that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a
 * leading apostrophe, so an exported buyer-controlled value cannot execute.
 */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
