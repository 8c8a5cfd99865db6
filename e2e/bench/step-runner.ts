// Shared by the bench steps that scripts/bench.mjs runs, each in its own Node
// process (TypeScript through the swc loader): quick mode, percentiles, and the
// hand-back of one step's result as JSON in the file the runner names.
import { writeFile } from 'node:fs/promises';

/** BENCH_QUICK=1: short runs and small counts, for a smoke test; the runner records nothing then. */
export const quick = process.env.BENCH_QUICK === '1';

/** The value at percentile `p` (0–100) of ascending `sorted`, nearest-rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Progress on stderr: stdout stays free for the step's own tools. */
export function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

/** Runs one step and writes its result to BENCH_RESULT_FILE; exits 1 on failure. */
export async function runStep(name: string, measure: () => Promise<Record<string, unknown>>): Promise<void> {
  const file = process.env.BENCH_RESULT_FILE;
  try {
    const result = await measure();
    if (file) await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    process.exit(0);
  } catch (error) {
    process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
}
