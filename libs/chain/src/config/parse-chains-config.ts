import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError as ClassValidationError } from 'class-validator';
import { ValidationError } from '@opencheckout/errors';
import { ChainConfig } from './chain-config.js';

function flatten(errors: ClassValidationError[], prefix: string): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Validates a list of chain configs (already parsed JSON). Throws one ValidationError naming every fault. */
export function validateChainsConfig(raw: unknown, param = 'CHAINS_JSON'): ChainConfig[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ValidationError(`${param} must be a non-empty JSON array of chains.`, { param, code: 'config_invalid' });
  }
  const chains = raw.map((item) => plainToInstance(ChainConfig, item as object));
  const problems = chains.flatMap((chain, i) =>
    flatten(validateSync(chain, { forbidUnknownValues: true, whitelist: true, forbidNonWhitelisted: true }), `[${i}]`),
  );
  const ids = new Set<number>();
  chains.forEach((chain, i) => {
    if (ids.has(chain.id)) problems.push(`[${i}].id: chain ${chain.id} appears twice`);
    ids.add(chain.id);
    const codes = new Set<string>();
    let natives = 0;
    (Array.isArray(chain.assets) ? chain.assets : []).forEach((asset, j) => {
      if (codes.has(asset.code)) problems.push(`[${i}].assets[${j}].code: ${asset.code} appears twice`);
      codes.add(asset.code);
      if (asset.type === 'native') {
        natives += 1;
        if (asset.address !== undefined) problems.push(`[${i}].assets[${j}].address: a native asset has no contract`);
      }
    });
    if (natives > 1) problems.push(`[${i}].assets: at most one native asset`);
  });
  if (problems.length > 0) {
    throw new ValidationError(`Invalid ${param}: ${problems.join('; ')}`, { param, code: 'config_invalid' });
  }
  return chains;
}

/** Parses the CHAINS_JSON environment value. */
export function parseChainsConfig(json: string, param = 'CHAINS_JSON'): ChainConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (cause) {
    throw new ValidationError(`${param} is not valid JSON.`, { param, code: 'config_invalid', cause });
  }
  return validateChainsConfig(raw, param);
}
