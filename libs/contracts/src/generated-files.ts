import type { DescFile } from '@bufbuild/protobuf';
import { file_opencheckout_events_v1_common } from './gen/opencheckout/events/v1/common_pb.js';
import { file_opencheckout_events_v1_envelope } from './gen/opencheckout/events/v1/envelope_pb.js';
import { file_opencheckout_events_v1_merchant_events } from './gen/opencheckout/events/v1/merchant_events_pb.js';
import { file_opencheckout_events_v1_options } from './gen/opencheckout/events/v1/options_pb.js';
import { file_opencheckout_events_v1_payment_events } from './gen/opencheckout/events/v1/payment_events_pb.js';
import { file_opencheckout_events_v1_session_events } from './gen/opencheckout/events/v1/session_events_pb.js';
import { file_opencheckout_events_v1_webhook_events } from './gen/opencheckout/events/v1/webhook_events_pb.js';
import { file_opencheckout_rpc_v1_analytics } from './gen/opencheckout/rpc/v1/analytics_pb.js';
import { file_opencheckout_rpc_v1_checkout_sessions } from './gen/opencheckout/rpc/v1/checkout_sessions_pb.js';
import { file_opencheckout_rpc_v1_context } from './gen/opencheckout/rpc/v1/context_pb.js';
import { file_opencheckout_rpc_v1_events_api } from './gen/opencheckout/rpc/v1/events_api_pb.js';
import { file_opencheckout_rpc_v1_merchants } from './gen/opencheckout/rpc/v1/merchants_pb.js';
import { file_opencheckout_rpc_v1_webhooks } from './gen/opencheckout/rpc/v1/webhooks_pb.js';

/**
 * Every generated file. The event registry scans all of them for the
 * event_type option, so an event declared anywhere is found; a spec checks this
 * list against the gen/ directory.
 */
export const generatedFiles: readonly DescFile[] = [
  file_opencheckout_events_v1_common,
  file_opencheckout_events_v1_envelope,
  file_opencheckout_events_v1_merchant_events,
  file_opencheckout_events_v1_options,
  file_opencheckout_events_v1_payment_events,
  file_opencheckout_events_v1_session_events,
  file_opencheckout_events_v1_webhook_events,
  file_opencheckout_rpc_v1_analytics,
  file_opencheckout_rpc_v1_checkout_sessions,
  file_opencheckout_rpc_v1_context,
  file_opencheckout_rpc_v1_events_api,
  file_opencheckout_rpc_v1_merchants,
  file_opencheckout_rpc_v1_webhooks,
];
