/**
 * A process asked to stop must stop: orderly shutdown gets `ms`, then the
 * process exits anyway (a hung RPC or socket must not keep a replica alive
 * past its supervisor's patience, nor hang a test run's teardown).
 */
export function exitAfterShutdownDeadline(ms = 8_000, write: (line: string) => void = (line) => process.stderr.write(line)): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        write(`shutdown did not finish within ${ms} ms after ${signal}; exiting\n`);
        process.exit(1);
      }, ms).unref();
    });
  }
}
