#!/usr/bin/env node
// Contracts from proto/: generate TypeScript, lint, detect breaking changes, or
// check that the committed generated code matches the .proto files.
//   node scripts/proto.mjs generate|lint|breaking|check
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buf = join(root, 'node_modules', '.bin', 'buf');
const template = join('proto', 'buf.gen.yaml');
const genDir = join('libs', 'contracts', 'src', 'gen');

function run(args) {
  const result = spawnSync(buf, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function listFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out.sort();
}

/** Generates into a scratch directory and lists every file that differs from the committed one. */
function staleFiles() {
  const scratch = mkdtempSync(join(tmpdir(), 'opencheckout-proto-'));
  try {
    execFileSync(buf, ['generate', 'proto', '--template', template, '--output', scratch], { cwd: root, stdio: 'pipe' });
    const fresh = join(scratch, genDir);
    const committed = join(root, genDir);
    const freshFiles = listFiles(fresh).map((f) => relative(fresh, f));
    const committedFiles = listFiles(committed).map((f) => relative(committed, f));
    const stale = new Set([
      ...freshFiles.filter((f) => !committedFiles.includes(f)),
      ...committedFiles.filter((f) => !freshFiles.includes(f)),
    ]);
    for (const f of freshFiles.filter((f) => committedFiles.includes(f))) {
      if (!readFileSync(join(fresh, f)).equals(readFileSync(join(committed, f)))) stale.add(f);
    }
    return [...stale].sort();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function previousCommitHasProto() {
  const result = spawnSync('git', ['ls-tree', '-d', 'HEAD~1', 'proto'], { cwd: root, encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

const command = process.argv[2];
switch (command) {
  case 'generate':
    run(['generate', 'proto', '--template', template]);
    break;
  case 'lint':
    run(['lint', 'proto']);
    console.log('proto: lint clean.');
    break;
  case 'breaking':
    if (!previousCommitHasProto()) {
      console.log('proto: the previous commit has no proto/ directory; nothing to compare against.');
      break;
    }
    run(['breaking', 'proto', '--against', '.git#ref=HEAD~1,subdir=proto']);
    console.log('proto: no breaking change against the previous commit.');
    break;
  case 'check': {
    const stale = staleFiles();
    if (stale.length > 0) {
      console.error(`proto: generated code is stale (${stale.join(', ')}); run: npm run proto:gen`);
      process.exit(1);
    }
    console.log('proto: generated code is up to date.');
    break;
  }
  default:
    console.error('usage: node scripts/proto.mjs generate|lint|breaking|check');
    process.exit(2);
}
