/** 0x8f4e…9a2b: enough to recognise, short enough for a table cell. */
export function shortenHex(value: string, keep = 4): string {
  if (!value.startsWith('0x') || value.length <= 2 + keep * 2 + 1) return value;
  return `${value.slice(0, 2 + keep)}…${value.slice(-keep)}`;
}
