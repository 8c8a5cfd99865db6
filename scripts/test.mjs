#!/usr/bin/env node
// `npm test`: every check, in order, stopping at the first failure:
// typecheck, lint, proto lint, build, then jest unit, int and e2e. Postgres and
// NATS for the tests are found or started once here (DATABASE_URL / NATS_URL,
// local servers, containers, local processes) and passed to jest, then stopped.
// The last line is the totals: `N passed, N failed`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build } from './build.mjs';
import { repoRoot, stateDir } from './infra/paths.mjs';
import { provideTestInfra } from './infra/test-infra.mjs';

const resultsDir = join(stateDir, 'test-results');
const totals = { passed: 0, failed: 0 };
let infra;
let current;
let interrupted = false;

const banner = (text, color = 36) => console.log(`\n\x1b[1;${color}m━━ ${text} ━━\x1b[0m`);
const seconds = (start) => `${((Date.now() - start) / 1000).toFixed(1)} s`;

/**
 * Runs a command in its own process group, so a stop (Ctrl-C, or the step's time
 * limit when a test spins) reaches every process it started, jest workers included.
 */
function run(command, args, { env = process.env, timeoutMinutes } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit', detached: true });
    const killGroup = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    };
    current = { kill: killGroup };
    let timer;
    if (timeoutMinutes) {
      timer = setTimeout(() => {
        console.error(`\n${command} ${args.join(' ')}: still running after ${timeoutMinutes} min; stopping it (a test is stuck).`);
        killGroup('SIGTERM');
        setTimeout(() => killGroup('SIGKILL'), 10_000).unref();
      }, timeoutMinutes * 60_000);
    }
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      resolve(code ?? (signal ? 1 : 0));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      console.error(error.message);
      resolve(1);
    });
  });
}

function hasFiles(dir, suffix) {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(suffix)) return true;
  }
  return false;
}

async function jest(project, extraArgs = [], timeoutMinutes = 10) {
  const outputFile = join(resultsDir, `${project}.json`);
  await rm(outputFile, { force: true });
  const args = [
    '--experimental-vm-modules',
    'node_modules/jest/bin/jest.js',
    '--selectProjects',
    project,
    '--json',
    '--outputFile',
    outputFile,
    ...(process.env.CI ? ['--ci'] : []),
    ...extraArgs,
  ];
  const code = await run(process.execPath, args, { timeoutMinutes });
  let reported = false;
  if (existsSync(outputFile)) {
    const result = JSON.parse(readFileSync(outputFile, 'utf8'));
    totals.passed += result.numPassedTests;
    totals.failed += result.numFailedTests;
    reported = result.numFailedTests > 0;
    console.log(`${project}: ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${result.numTotalTestSuites} files`);
  }
  // A failure without failed tests (a suite that did not load, a setup error) still counts once.
  if (code !== 0 && !reported) totals.failed += 1;
  return code;
}

const steps = [
  { id: 'typecheck', name: 'typecheck (tsc --noEmit)', run: () => run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']) },
  { id: 'lint', name: 'lint (eslint --max-warnings=0)', run: () => run(process.execPath, ['node_modules/eslint/bin/eslint.js', '--max-warnings=0', '.']) },
  {
    id: 'proto', name: 'proto lint',
    run: () => {
      if (!existsSync(join(repoRoot, 'scripts', 'proto.mjs'))) {
        console.log('skipped: scripts/proto.mjs does not exist yet');
        return 0;
      }
      return run('npm', ['run', '--silent', 'proto:lint'], { timeoutMinutes: 3 });
    },
  },
  {
    id: 'build', name: 'build',
    run: async () => {
      try {
        await build();
        return 0;
      } catch {
        return 1;
      }
    },
  },
  { id: 'unit', name: 'unit tests', run: () => jest('unit', [], 5) },
  {
    id: 'infra', name: 'test infrastructure',
    run: async () => {
      infra = await provideTestInfra();
      const redacted = new URL(infra.databaseUrl);
      if (redacted.password) redacted.password = '***';
      console.log(`Postgres ${redacted} (${infra.sources.postgres}), NATS ${infra.natsUrl} (${infra.sources.nats})`);
      return 0;
    },
  },
  { id: 'int', name: 'integration tests', // testTimeout is a global jest option (ignored inside a project entry), so it is given here.
    run: () => jest('int', ['--maxWorkers=2', '--testTimeout=60000'], 10) },
  {
    id: 'e2e', name: 'e2e tests',
    // --passWithNoTests only while e2e/ holds no tests: once it does, "none found" is a failure.
    run: () => jest('e2e', ['--runInBand', '--testTimeout=120000', ...(hasFiles(join(repoRoot, 'e2e'), '.e2e-spec.ts') ? [] : ['--passWithNoTests'])], 8),
  },
];

async function finish(code) {
  if (infra) {
    await infra.stop().catch((error) => console.error(`stopping test infrastructure failed: ${error.message}`));
    infra = undefined;
  }
  console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    banner(`interrupted (${signal}): stopping`, 33);
    // The running step ends; main() then stops the infrastructure and exits.
    current?.kill(signal);
  });
}

// Local convenience only (CI runs everything): `npm test -- --skip=typecheck,lint`.
const skip = new Set(
  process.argv
    .filter((arg) => arg.startsWith('--skip='))
    .flatMap((arg) => arg.slice('--skip='.length).split(','))
    .filter(Boolean),
);

async function main() {
  await mkdir(resultsDir, { recursive: true });
  const started = Date.now();
  for (const step of steps) {
    banner(step.name);
    if (skip.has(step.id)) {
      console.log(`skipped (--skip=${step.id})`);
      continue;
    }
    const stepStart = Date.now();
    let code;
    try {
      code = await step.run();
    } catch (error) {
      console.error(error.message ?? error);
      code = 1;
    }
    if (interrupted) return finish(130);
    if (code !== 0) {
      if (!step.name.endsWith('tests')) totals.failed += 1;
      banner(`FAILED: ${step.name} (after ${seconds(stepStart)})`, 31);
      return finish(1);
    }
    console.log(`ok: ${step.name} in ${seconds(stepStart)}`);
  }
  const skipped = skip.size ? ` (skipped: ${[...skip].join(', ')})` : '';
  banner(`all steps passed${skipped} in ${seconds(started)}; results in ${relative(repoRoot, resultsDir)}/`, 32);
  return finish(0);
}

void main();
