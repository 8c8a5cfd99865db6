import { create, type JsonValue } from '@bufbuild/protobuf';
import { validateXpub, xpubFromMnemonic } from '@opencheckout/chain';
import {
  AddWalletRequestSchema,
  AddWalletResponseSchema,
  ListWalletsResponseSchema,
  RemoveWalletResponseSchema,
  WalletSource,
  decodeMessage,
  encodeMessage,
  type AddWalletRequest,
  type AddWalletResponse,
  type ListWalletsRequest,
  type ListWalletsResponse,
  type RemoveWalletRequest,
  type RemoveWalletResponse,
} from '@opencheckout/contracts';
import { NotFoundError, ValidationError } from '@opencheckout/errors';
import { requireScope } from '../domain/api-key-scopes.js';
import { decide } from '../domain/merchant.decider.js';
import type { WalletSecretStore } from '../infra/wallet-secret-store.js';
import { newId } from './ids.js';
import type { MerchantRepository } from './merchant-repository.js';
import { requestHash, type MerchantWriter } from './merchant-writer.js';
import { walletView } from './present-merchant.js';
import { callerOf } from './request-context.js';

/**
 * Watch-only wallets: an account xpub, given or derived from a BIP39 phrase.
 * A phrase goes only into the sealed wallet_secrets row; events, logs and
 * answers carry the xpub.
 */
export class WalletsUseCase {
  constructor(
    private readonly writer: MerchantWriter,
    private readonly merchants: MerchantRepository,
    private readonly secrets: WalletSecretStore,
    private readonly clock: () => Date,
  ) {}

  async add(request: AddWalletRequest): Promise<AddWalletResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'wallets:write');
    const source = request.source;
    let xpub: string;
    let mnemonic: string | undefined;
    if (source.case === 'xpub') {
      xpub = validateXpub(source.value).publicExtendedKey;
    } else if (source.case === 'mnemonic') {
      mnemonic = source.value;
      xpub = await xpubFromMnemonic(mnemonic);
    } else {
      throw new ValidationError('Give an xpub or a mnemonic.', { param: 'xpub', code: 'parameter_missing' });
    }
    const chainFamily = request.chainFamily || 'evm';
    const now = this.clock();
    // The phrase is hashed into the idempotency fingerprint, never stored there in clear.
    const body = encodeMessage(AddWalletRequestSchema, { ...request, context: undefined });
    return this.writer.write({
      merchantId: caller.merchantId,
      now,
      correlationId: caller.correlationId,
      idempotency: {
        key: caller.idempotencyKey,
        operation: 'wallet.add',
        requestHash: requestHash(body),
        scope: caller.merchantId,
        livemode: caller.livemode,
      },
      run: async (state, manager) => {
        const walletId = newId('wal', now);
        const events = decide(
          {
            kind: 'add_wallet',
            walletId,
            chainFamily,
            xpub,
            livemode: caller.livemode,
            source: mnemonic === undefined ? WalletSource.XPUB : WalletSource.MNEMONIC,
            label: request.label,
            at: now.toISOString(),
          },
          state,
        );
        if (mnemonic !== undefined) {
          await this.secrets.store(manager, { walletId, merchantId: caller.merchantId, livemode: caller.livemode, mnemonic, now });
        }
        return { events, answer: (after) => create(AddWalletResponseSchema, { wallet: walletView(after.wallets.get(walletId)!) }) };
      },
      encode: (answer) => encodeMessage(AddWalletResponseSchema, answer),
      decode: (json: JsonValue) => decodeMessage(AddWalletResponseSchema, json),
    });
  }

  async list(request: ListWalletsRequest): Promise<ListWalletsResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'wallets:read');
    const { state } = await this.merchants.load(caller.merchantId);
    if (state === null) throw new NotFoundError('merchant', caller.merchantId);
    const wallets = [...state.wallets.values()].filter((wallet) => wallet.livemode === caller.livemode);
    return create(ListWalletsResponseSchema, { data: wallets.map(walletView) });
  }

  async remove(request: RemoveWalletRequest): Promise<RemoveWalletResponse> {
    const caller = callerOf(request.context);
    requireScope(caller.scopes, 'wallets:write');
    const now = this.clock();
    return this.writer.write({
      merchantId: caller.merchantId,
      now,
      correlationId: caller.correlationId,
      run: async (state, manager) => {
        const events = decide({ kind: 'remove_wallet', walletId: request.walletId, livemode: caller.livemode, at: now.toISOString() }, state);
        await this.secrets.remove(manager, request.walletId);
        return { events, answer: () => create(RemoveWalletResponseSchema, { walletId: request.walletId, deleted: true }) };
      },
      encode: (answer) => encodeMessage(RemoveWalletResponseSchema, answer),
      decode: (json: JsonValue) => decodeMessage(RemoveWalletResponseSchema, json),
    });
  }
}
