import { Transform } from 'class-transformer';

// Explicit conversions from environment strings. A value that does not parse is
// left as the original string, so the type validator next to it reports it.

/** "42" → 42; rejects "", "4.2", "1e3", "0x10". */
export function EnvInt(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value));
}

/** "true"/"1"/"yes"/"on" → true, "false"/"0"/"no"/"off" → false (any case). */
export function EnvBoolean(): PropertyDecorator {
  return Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const normalised = value.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
    if (['false', '0', 'no', 'off'].includes(normalised)) return false;
    return value;
  });
}

/** "a, b,c" → ["a", "b", "c"]; empty items dropped. */
export function EnvList(): PropertyDecorator {
  return Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter((item) => item !== '')
      : value,
  );
}
