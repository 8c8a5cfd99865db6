import { boolean, closedObject, constant, dateTime, nullable, string, type JsonSchema } from '../json-schema.js';

/** Mirrors presentWallet (merchant/wallets.controller.ts): watch-only, the extended public key only. */
export const walletSchemas: Record<string, JsonSchema> = {
  Wallet: closedObject({
    id: string(),
    object: constant('wallet'),
    chainFamily: string({ examples: ['evm'] }),
    xpub: string({ description: 'The extended public key addresses are derived from.' }),
    source: { type: 'string', enum: ['xpub', 'mnemonic'] },
    label: nullable(string()),
    livemode: boolean(),
    createdAt: dateTime(),
  }),
  DeletedWallet: closedObject({ id: string(), object: constant('wallet'), deleted: boolean() }),
};
