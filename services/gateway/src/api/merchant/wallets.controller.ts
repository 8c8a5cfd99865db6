import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { create, type JsonValue } from '@bufbuild/protobuf';
import {
  AddWalletRequestSchema,
  AddWalletResponseSchema,
  ListWalletsRequestSchema,
  ListWalletsResponseSchema,
  RemoveWalletRequestSchema,
  RemoveWalletResponseSchema,
  RpcSubjects,
  WalletSource,
  decodeMessage,
  encodeMessage,
  type WalletView,
} from '@opencheckout/contracts';
import { ValidationError } from '@opencheckout/errors';
import { validateDto } from '@opencheckout/nest-kit';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { ApiKeyGuard, RequireScope } from '../../auth/api-key.guard.js';
import type { AuthenticatedRequest } from '../../auth/merchant-context.js';
import { GATEWAY_APP, type GatewayApp } from '../../gateway-app.js';
import { requestContextOf } from '../request-context.js';

export class AddWalletDto {
  @IsOptional()
  @IsIn(['evm'])
  chainFamily?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  label?: string;

  @IsOptional()
  @IsString()
  @Length(100, 120)
  xpub?: string;

  @IsOptional()
  @IsString()
  @MaxLength(400)
  mnemonic?: string;
}

function presentWallet(wallet: WalletView): Record<string, unknown> {
  return {
    id: wallet.walletId,
    object: 'wallet',
    chainFamily: wallet.chainFamily,
    xpub: wallet.xpub,
    source: wallet.source === WalletSource.MNEMONIC ? 'mnemonic' : 'xpub',
    label: wallet.label || null,
    livemode: wallet.livemode,
    createdAt: wallet.createdAt,
  };
}

/** Watch-only wallets: addresses are derived from the extended public key; a mnemonic is only ever stored encrypted. */
@Controller('api/v1/wallets')
@UseGuards(ApiKeyGuard)
export class WalletsController {
  constructor(@Inject(GATEWAY_APP) private readonly app: GatewayApp) {}

  @Post()
  @HttpCode(200)
  @RequireScope('wallets', 'write')
  async add(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    const dto = validateDto(AddWalletDto, body ?? {});
    if ((dto.xpub === undefined) === (dto.mnemonic === undefined)) {
      throw new ValidationError('Give exactly one of xpub or mnemonic.', { param: 'xpub', code: 'parameter_invalid' });
    }
    const rpcRequest = create(AddWalletRequestSchema, {
      context: requestContextOf(request),
      chainFamily: dto.chainFamily ?? 'evm',
      label: dto.label ?? '',
      source: dto.xpub !== undefined ? { case: 'xpub', value: dto.xpub } : { case: 'mnemonic', value: dto.mnemonic! },
    });
    const reply = decodeMessage(
      AddWalletResponseSchema,
      await this.app.rpc.request<JsonValue>(RpcSubjects.merchant.addWallet, encodeMessage(AddWalletRequestSchema, rpcRequest)),
    );
    return presentWallet(reply.wallet!);
  }

  @Get()
  @RequireScope('wallets', 'read')
  async list(@Req() request: AuthenticatedRequest) {
    const rpcRequest = create(ListWalletsRequestSchema, { context: requestContextOf(request) });
    const reply = decodeMessage(
      ListWalletsResponseSchema,
      await this.app.rpc.request<JsonValue>(RpcSubjects.merchant.listWallets, encodeMessage(ListWalletsRequestSchema, rpcRequest)),
    );
    return { object: 'list', data: reply.data.map(presentWallet), hasMore: false };
  }

  @Delete(':id')
  @RequireScope('wallets', 'write')
  async remove(@Req() request: AuthenticatedRequest, @Param('id') id: string) {
    const rpcRequest = create(RemoveWalletRequestSchema, { context: requestContextOf(request), walletId: id });
    const reply = decodeMessage(
      RemoveWalletResponseSchema,
      await this.app.rpc.request<JsonValue>(RpcSubjects.merchant.removeWallet, encodeMessage(RemoveWalletRequestSchema, rpcRequest)),
    );
    return { id: reply.walletId, object: 'wallet', deleted: reply.deleted };
  }
}
