// Generated messages (proto/ is the source; regenerate with npm run proto:gen).
export * from './gen/opencheckout/events/v1/common_pb.js';
export * from './gen/opencheckout/events/v1/envelope_pb.js';
export * from './gen/opencheckout/events/v1/merchant_events_pb.js';
export * from './gen/opencheckout/events/v1/options_pb.js';
export * from './gen/opencheckout/events/v1/payment_events_pb.js';
export * from './gen/opencheckout/events/v1/session_events_pb.js';
export * from './gen/opencheckout/events/v1/webhook_events_pb.js';
export * from './gen/opencheckout/rpc/v1/analytics_pb.js';
export * from './gen/opencheckout/rpc/v1/checkout_sessions_pb.js';
export * from './gen/opencheckout/rpc/v1/context_pb.js';
export * from './gen/opencheckout/rpc/v1/events_api_pb.js';
export * from './gen/opencheckout/rpc/v1/merchants_pb.js';
export * from './gen/opencheckout/rpc/v1/webhooks_pb.js';

export { generatedFiles } from './generated-files.js';
export {
  allEventTypes,
  buildEventRegistry,
  eventEntryFor,
  eventSchemaFor,
  eventSchemaVersionFor,
  eventTypeOf,
  isEventType,
  type EventSchemaEntry,
} from './event-registry.js';
export { decodeEventData, decodeEventDataAs, encodeEventData } from './event-data.js';
export { decodeMessage, encodeMessage } from './message-json.js';
export { RpcSubjects, healthSubject } from './rpc-subjects.js';
