import { create, type DescMessage, type JsonValue, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import { decodeMessage, encodeMessage } from '@opencheckout/contracts';
import type { GatewayApp } from '../gateway-app.js';

/** One typed request-reply: build the request message, send its JSON, decode the answer. */
export async function rpcCall<Req extends DescMessage, Res extends DescMessage>(
  app: GatewayApp,
  subject: string,
  requestSchema: Req,
  init: MessageInitShape<Req>,
  responseSchema: Res,
): Promise<MessageShape<Res>> {
  const request = create(requestSchema, init);
  const reply = await app.rpc.request<JsonValue>(subject, encodeMessage(requestSchema, request));
  return decodeMessage(responseSchema, reply);
}
