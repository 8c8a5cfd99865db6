/**
 * Bar heights in pixels for amounts in minor units. The ratio is taken in bigint
 * (per mille) so huge amounts scale correctly; only the pixel height is a number.
 */
export function barHeights(amountsMinor: string[], maxHeight: number): number[] {
  const values = amountsMinor.map((a) => {
    const v = BigInt(a);
    return v < 0n ? 0n : v;
  });
  const max = values.reduce((m, v) => (v > m ? v : m), 0n);
  if (max === 0n) return values.map(() => 0);
  return values.map((v) => {
    const perMille = Number((v * 1000n) / max);
    const h = (perMille / 1000) * maxHeight;
    // A day with any revenue stays visible.
    return v > 0n ? Math.max(1, h) : 0;
  });
}
