// Child processes that must never outlive their parent run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

/**
 * Spawns a long-running binary (never through npx: killing a wrapper can leave
 * the real process running). `detached` gives it its own process group, so a
 * terminal's Ctrl-C reaches only the parent, which then stops things in order.
 * Resolves once spawned; `stop()` sends SIGTERM,
 * then SIGKILL after `graceMs`, and resolves when the process has exited.
 */
export function startProcess(command, args, { name, env, cwd, detached = false, log = () => {}, graceMs = 5000 } = {}) {
  const child = spawn(command, args, { env: env ?? process.env, cwd, detached, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const remember = (chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (!line) continue;
      tail.push(line);
      if (tail.length > 30) tail.shift();
      log(line);
    }
  };
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stopping = false;
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new Error(`Could not start ${name ?? command}: ${error.message}`)));
    child.once('spawn', () =>
      resolve({
        pid: child.pid,
        child,
        exited,
        /** The last lines the process printed, for error messages. */
        output: () => tail.join('\n'),
        get running() {
          return child.exitCode === null && child.signalCode === null;
        },
        async stop() {
          if (stopping || child.exitCode !== null || child.signalCode !== null) return exited;
          stopping = true;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
          return exited;
        },
      }),
    );
  });
}

/** True when process `pid` is alive. */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a process left behind by an earlier run that died without cleaning up
 * (its pid in `pidFile`, first line), if it is still alive and its command line
 * contains `expected`. Local state only: never touches processes we did not record.
 */
export async function reapStale(pidFile, expected) {
  if (!existsSync(pidFile)) return false;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return false;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.replaceAll('\0', ' ').includes(expected)) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}

export async function writePidFile(pidFile, pid) {
  await writeFile(pidFile, `${pid}\n`);
}
