import { type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { pino, type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { ValidationError } from '@opencheckout/errors';
import { rebuildProjection, type RebuildProjectionReturnType } from './rebuild-projection.js';
import type { RowProjection } from './row-projection.js';

export interface RunRebuildCommandParameters {
  dataSource: DataSource;
  js: JetStreamClient;
  jsm?: JetStreamManager;
  /** The service's projections; `name` picks one. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  projections: RowProjection<any>[];
  name: string;
  schema: string;
  streamName?: string;
  subjectPrefix?: string;
  logger?: Logger;
}

/** `rebuild <projection>`: what a service's CLI runs to rebuild one read model while it keeps serving. */
export async function runRebuildCommand(params: RunRebuildCommandParameters): Promise<RebuildProjectionReturnType> {
  const projection = params.projections.find((p) => p.name === params.name);
  if (!projection) {
    const known = params.projections.map((p) => p.name).join(', ');
    throw new ValidationError(`Unknown projection '${params.name}'. Known: ${known}.`, { code: 'projection_unknown' });
  }
  const logger = params.logger ?? pino({ level: 'info' });
  const jsm = params.jsm ?? (await params.js.jetstreamManager());
  return rebuildProjection({
    dataSource: params.dataSource,
    schema: params.schema,
    js: params.js,
    jsm,
    projection,
    streamName: params.streamName,
    subjectPrefix: params.subjectPrefix,
    logger,
  });
}
