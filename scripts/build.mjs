#!/usr/bin/env node
// Compiles every lib (libs/*/src -> libs/*/dist) and every service with a
// src/main.ts (services/*/src -> services/*/dist) with swc, using the root
// .swcrc. No type-checking here: `tsc --noEmit` does that in `npm test`.
// services/web is skipped: it has its own Vite build.
import { readFile, readdir, mkdir, writeFile, copyFile, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.tsx?$/;
const DECLARATION = /\.d\.ts$/;
// Files a package may need at run time besides its code (SQL migrations, JSON fixtures).
const ASSET = /\.(json|sql|proto|html|txt)$/;

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

async function packagesToBuild() {
  const found = [];
  for (const group of ['libs', 'services']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const entry of await readdir(groupDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(groupDir, entry.name);
      if (group === 'services' && (entry.name === 'web' || !existsSync(join(dir, 'src', 'main.ts')))) continue;
      if (!existsSync(join(dir, 'src'))) continue;
      found.push(dir);
    }
  }
  return found;
}

async function buildPackage(dir, swcOptions) {
  const src = join(dir, 'src');
  const out = join(dir, 'dist');
  await rm(out, { recursive: true, force: true });
  const jobs = [];
  for await (const file of walk(src)) {
    const rel = relative(src, file);
    if (TEST_FILE.test(rel) || DECLARATION.test(rel)) continue;
    if (/\.tsx?$/.test(rel)) {
      const target = join(out, rel.replace(/\.tsx?$/, '.js'));
      jobs.push(
        (async () => {
          const { code, map } = await transformFile(file, {
            ...swcOptions,
            swcrc: false,
            filename: file,
            sourceFileName: relative(dirname(target), file),
            jsc: { ...swcOptions.jsc, parser: { ...swcOptions.jsc.parser, tsx: rel.endsWith('.tsx') } },
          });
          await mkdir(dirname(target), { recursive: true });
          const mapName = `${target.split('/').pop()}.map`;
          await writeFile(target, map ? `${code}\n//# sourceMappingURL=${mapName}\n` : code);
          if (map) await writeFile(`${target}.map`, map);
        })(),
      );
    } else if (ASSET.test(rel) || /\.(js|mjs)$/.test(rel)) {
      const target = join(out, rel);
      jobs.push(mkdir(dirname(target), { recursive: true }).then(() => copyFile(file, target)));
    }
  }
  await Promise.all(jobs);
  return jobs.length;
}

/**
 * The web app (dashboard + hosted checkout) with Vite, into services/web/build,
 * skipped when the build is newer than every source file.
 */
export async function buildWeb({ quiet = false } = {}) {
  const webDir = join(root, 'services', 'web');
  const index = join(webDir, 'build', 'index.html');
  if (existsSync(index)) {
    const built = (await stat(index)).mtimeMs;
    let newest = 0;
    for await (const file of walk(join(webDir, 'src'))) newest = Math.max(newest, (await stat(file)).mtimeMs);
    if (newest < built) return;
  }
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(webDir, 'vite.config.ts'), logLevel: quiet ? 'error' : 'info' });
}

export async function build({ quiet = false } = {}) {
  const started = process.hrtime.bigint();
  const swcOptions = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
  const packages = await packagesToBuild();
  const failures = [];
  let files = 0;
  await Promise.all(
    packages.map(async (dir) => {
      try {
        const count = await buildPackage(dir, swcOptions);
        files += count;
      } catch (error) {
        failures.push({ dir: relative(root, dir), error });
      }
    }),
  );
  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  for (const { dir, error } of failures) console.error(`build: ${dir}: ${error.message ?? error}`);
  if (!quiet || failures.length) {
    console.log(`build: ${packages.length - failures.length}/${packages.length} packages, ${files} files in ${ms} ms`);
  }
  if (failures.length) throw new Error(`build failed in ${failures.map((f) => f.dir).join(', ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const web = process.argv.includes('--web');
  (web ? build().then(() => buildWeb()) : build()).catch((error) => {
    console.error(error?.message ?? error);
    process.exit(1);
  });
}
