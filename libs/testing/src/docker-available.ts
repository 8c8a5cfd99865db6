import { request } from 'node:http';
import { existsSync } from 'node:fs';

let answer: Promise<boolean> | undefined;

/**
 * Whether a Docker engine answers, asked once per process. Quick on purpose:
 * without an engine, testcontainers would fail anyway, and we fall back to local servers.
 */
export function dockerAvailable(): Promise<boolean> {
  answer ??= pingDocker(process.env.DOCKER_HOST);
  return answer;
}

/** Whether the Docker engine at `host` (DOCKER_HOST syntax; default the local socket) answers /_ping. */
export function pingDocker(host?: string): Promise<boolean> {
  let target: { socketPath: string } | { host: string; port: number };
  if (host?.startsWith('tcp://')) {
    const url = new URL(host.replace('tcp://', 'http://'));
    target = { host: url.hostname, port: Number(url.port || 2375) };
  } else {
    const socketPath = host?.startsWith('unix://') ? host.slice('unix://'.length) : '/var/run/docker.sock';
    if (!existsSync(socketPath)) return Promise.resolve(false);
    target = { socketPath };
  }
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}
