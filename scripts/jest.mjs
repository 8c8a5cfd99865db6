#!/usr/bin/env node
// `npm run test:unit|test:int|test:e2e -- [path patterns…] [jest flags…]`: one jest
// project, optionally narrowed to paths (jest's --selectProjects would swallow them).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const [project, ...rest] = process.argv.slice(2);
const patterns = rest.filter((arg) => !arg.startsWith('-'));
const flags = rest.filter((arg) => arg.startsWith('-'));
const root = fileURLToPath(new URL('..', import.meta.url));
const args = [
  '--experimental-vm-modules',
  'node_modules/jest/bin/jest.js',
  '--selectProjects',
  project,
  ...(patterns.length > 0 ? ['--testPathPatterns', patterns.join('|')] : []),
  ...flags,
];
const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
