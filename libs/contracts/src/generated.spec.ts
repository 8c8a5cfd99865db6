import { describe, it, expect } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedFiles } from './generated-files.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

function protoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? protoFiles(join(dir, entry.name)) : entry.name.endsWith('.proto') ? [join(dir, entry.name)] : [],
  );
}

describe('generated contracts', () => {
  it('match the committed .proto files (run npm run proto:gen when this fails)', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'proto.mjs'), 'check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('list every .proto file, so the event registry sees every event', () => {
    const protoRoot = join(root, 'proto');
    const onDisk = protoFiles(protoRoot).map((file) => relative(protoRoot, file)).sort();
    expect(generatedFiles.map((file) => file.proto.name).sort()).toEqual(onDisk);
  });
});
