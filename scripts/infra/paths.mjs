import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Local state of dev runs and test runs (git-ignored). */
export const stateDir = join(repoRoot, '.opencheckout');
