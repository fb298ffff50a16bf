import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorHandling, observability, type Logger, type ReadinessCheck } from '@fraud/common';
import type { LakeSinkStatus } from './sink/index.js';

export interface AppOptions {
  logger: Logger;
  /** Checked on every /readyz (the catalog's database, the consumer's group membership). */
  readiness: Readonly<Record<string, ReadinessCheck>>;
  /** What /status reports: per partition the committed offset and the consumed position. */
  status: () => LakeSinkStatus;
}

const PartitionStatus = Type.Object({ committed: Type.Integer(), position: Type.Integer() });
const StatusResponse = Type.Object({
  running: Type.Boolean(),
  joined: Type.Boolean(),
  partitions: Type.Record(Type.String({ pattern: '^[0-9]+$' }), PartitionStatus),
  bufferedRecords: Type.Integer(),
});

/**
 * The sink's HTTP side, not listening: /healthz, /readyz and /metrics (the observability
 * plugin; register sink metrics on `app.metrics`) and /status. server.ts listens.
 */
export async function buildApp({ logger, readiness, status }: AppOptions) {
  const app = Fastify({ loggerInstance: logger }).withTypeProvider<TypeBoxTypeProvider>();
  await app.register(errorHandling);
  await app.register(observability, { readiness, defaultLabels: { service: 'lake-sink' } });
  app.get('/status', { schema: { response: { 200: StatusResponse } } }, async () => status());
  await app.ready();
  return app;
}
