import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload, EventPattern } from '@nestjs/microservices';
import type { JsonObject, JsonValue } from '@bufbuild/protobuf';
import {
  AddWalletRequestSchema,
  AddWalletResponseSchema,
  AnalyticsOverviewRequestSchema,
  AnalyticsOverviewResponseSchema,
  CreateApiKeyRequestSchema,
  CreateApiKeyResponseSchema,
  CreateMerchantRequestSchema,
  CreateMerchantResponseSchema,
  CreateWebhookEndpointRequestSchema,
  CreateWebhookEndpointResponseSchema,
  DeleteWebhookEndpointRequestSchema,
  DeleteWebhookEndpointResponseSchema,
  ExportSessionsRequestSchema,
  ExportSessionsResponseSchema,
  GetMerchantSettingsRequestSchema,
  GetMerchantSettingsResponseSchema,
  GetWebhookEndpointRequestSchema,
  GetWebhookEndpointResponseSchema,
  ApiKeyUsedSchema,
  ListApiKeysRequestSchema,
  ListApiKeysResponseSchema,
  ListEventsRequestSchema,
  ListEventsResponseSchema,
  ListWalletsRequestSchema,
  ListWalletsResponseSchema,
  ListWebhookEndpointsRequestSchema,
  ListWebhookEndpointsResponseSchema,
  RemoveWalletRequestSchema,
  RemoveWalletResponseSchema,
  RevokeApiKeyRequestSchema,
  RevokeApiKeyResponseSchema,
  RotateWebhookEndpointSecretRequestSchema,
  RotateWebhookEndpointSecretResponseSchema,
  UpdateMerchantSettingsRequestSchema,
  UpdateMerchantSettingsResponseSchema,
  UpdateWebhookEndpointRequestSchema,
  UpdateWebhookEndpointResponseSchema,
  RpcSubjects,
  decodeMessage,
  encodeMessage,
} from '@opencheckout/contracts';
import { healthPattern } from '@opencheckout/nest-kit';
import { DASHBOARD_APP, type DashboardApp } from '../dashboard-app.js';

const subjects = RpcSubjects.merchant;

/** Request-reply handlers: decode the proto JSON, run the use case, encode the answer. One line of logic each. */
@Controller()
export class DashboardHandlers {
  constructor(@Inject(DASHBOARD_APP) private readonly app: DashboardApp) {}

  @MessagePattern(subjects.create)
  async createMerchant(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(CreateMerchantResponseSchema, await this.app.merchants.execute(decodeMessage(CreateMerchantRequestSchema, payload)));
  }

  @MessagePattern(subjects.getSettings)
  async getSettings(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(GetMerchantSettingsResponseSchema, await this.app.settings.get(decodeMessage(GetMerchantSettingsRequestSchema, payload)));
  }

  @MessagePattern(subjects.updateSettings)
  async updateSettings(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(UpdateMerchantSettingsResponseSchema, await this.app.settings.update(decodeMessage(UpdateMerchantSettingsRequestSchema, payload)));
  }

  @MessagePattern(subjects.createApiKey)
  async createApiKey(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(CreateApiKeyResponseSchema, await this.app.apiKeys.create(decodeMessage(CreateApiKeyRequestSchema, payload)));
  }

  @EventPattern<string>(subjects.apiKeyUsed)
  async apiKeyUsed(@Payload() payload: JsonValue): Promise<void> {
    await this.app.apiKeys.recordUse(decodeMessage(ApiKeyUsedSchema, payload)).catch(() => undefined);
  }

  @MessagePattern(subjects.listApiKeys)
  async listApiKeys(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(ListApiKeysResponseSchema, await this.app.apiKeys.list(decodeMessage(ListApiKeysRequestSchema, payload)));
  }

  @MessagePattern(subjects.revokeApiKey)
  async revokeApiKey(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(RevokeApiKeyResponseSchema, await this.app.apiKeys.revoke(decodeMessage(RevokeApiKeyRequestSchema, payload)));
  }

  @MessagePattern(subjects.createWebhookEndpoint)
  async createWebhookEndpoint(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(CreateWebhookEndpointResponseSchema, await this.app.webhookEndpoints.create(decodeMessage(CreateWebhookEndpointRequestSchema, payload)));
  }

  @MessagePattern(subjects.getWebhookEndpoint)
  async getWebhookEndpoint(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(GetWebhookEndpointResponseSchema, await this.app.webhookEndpoints.get(decodeMessage(GetWebhookEndpointRequestSchema, payload)));
  }

  @MessagePattern(subjects.listWebhookEndpoints)
  async listWebhookEndpoints(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(ListWebhookEndpointsResponseSchema, await this.app.webhookEndpoints.list(decodeMessage(ListWebhookEndpointsRequestSchema, payload)));
  }

  @MessagePattern(subjects.updateWebhookEndpoint)
  async updateWebhookEndpoint(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(UpdateWebhookEndpointResponseSchema, await this.app.webhookEndpoints.update(decodeMessage(UpdateWebhookEndpointRequestSchema, payload)));
  }

  @MessagePattern(subjects.deleteWebhookEndpoint)
  async deleteWebhookEndpoint(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(DeleteWebhookEndpointResponseSchema, await this.app.webhookEndpoints.delete(decodeMessage(DeleteWebhookEndpointRequestSchema, payload)));
  }

  @MessagePattern(subjects.rotateWebhookEndpointSecret)
  async rotateWebhookEndpointSecret(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(RotateWebhookEndpointSecretResponseSchema, await this.app.webhookEndpoints.rotateSecret(decodeMessage(RotateWebhookEndpointSecretRequestSchema, payload)));
  }

  @MessagePattern(subjects.addWallet)
  async addWallet(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(AddWalletResponseSchema, await this.app.wallets.add(decodeMessage(AddWalletRequestSchema, payload)));
  }

  @MessagePattern(subjects.listWallets)
  async listWallets(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(ListWalletsResponseSchema, await this.app.wallets.list(decodeMessage(ListWalletsRequestSchema, payload)));
  }

  @MessagePattern(subjects.removeWallet)
  async removeWallet(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(RemoveWalletResponseSchema, await this.app.wallets.remove(decodeMessage(RemoveWalletRequestSchema, payload)));
  }

  @MessagePattern(subjects.listEvents)
  async listEvents(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(ListEventsResponseSchema, await this.app.events.execute(decodeMessage(ListEventsRequestSchema, payload)));
  }

  @MessagePattern(subjects.analyticsOverview)
  async analyticsOverview(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(AnalyticsOverviewResponseSchema, await this.app.analytics.execute(decodeMessage(AnalyticsOverviewRequestSchema, payload)));
  }

  @MessagePattern(subjects.exportSessions)
  async exportSessions(@Payload() payload: JsonValue): Promise<JsonObject> {
    return encodeMessage(ExportSessionsResponseSchema, await this.app.exports.execute(decodeMessage(ExportSessionsRequestSchema, payload)));
  }

  @MessagePattern(healthPattern('dashboard-api'))
  health(): { ok: true } {
    return { ok: true };
  }
}
