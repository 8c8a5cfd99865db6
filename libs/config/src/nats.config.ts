import { IsString, Matches } from 'class-validator';

export class NatsConfig {
  /** One server URL or several, comma-separated. */
  @IsString()
  @Matches(/^(nats|tls|ws|wss):\/\/[^\s,]+(\s*,\s*(nats|tls|ws|wss):\/\/[^\s,]+)*$/, {
    message: 'must be nats:// URLs, comma-separated',
  })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** JetStream stream holding every event. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'must be a JetStream stream name (letters, digits, _ and -)' })
  EVENTS_STREAM: string = 'EVENTS';

  /** Events travel on <prefix>.<aggregate>.<fact>. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, { message: 'must be a subject prefix without wildcards' })
  EVENTS_SUBJECT_PREFIX: string = 'events';
}
