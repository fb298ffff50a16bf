import type { Logger } from '@fraud/common';
import type { SqlCatalog, TableIdentifier } from '../catalog/index.js';
import { LakeError } from '../errors.js';
import type { FileIO } from '../io/index.js';
import { dayPartitionSpec } from '../partition/index.js';
import { defineSchema } from '../schema/index.js';
import { createTableWriter, type TableWriter, type TableWriterOptions } from '../table/index.js';
import {
  PARTITION_COLUMN,
  SCORED_PAYMENT_COLUMNS,
  type ScoredPaymentRow,
} from './scored-payment-row.js';

export interface OpenTableOptions extends Omit<
  TableWriterOptions,
  'catalog' | 'io' | 'logger' | 'identifier'
> {
  readonly catalog: SqlCatalog;
  readonly io: FileIO;
  readonly logger: Logger;
  readonly identifier: TableIdentifier;
}

const isCode = (error: unknown, code: string) => error instanceof LakeError && error.code === code;

/**
 * The scored-payments table, created (partitioned by event day) when it does not exist yet,
 * and given the columns added to the Avro schema since it was created. Safe when several sink
 * instances start at once: losing the creation race means loading the winner's table.
 */
export async function openScoredPaymentsTable(
  options: OpenTableOptions,
): Promise<TableWriter<ScoredPaymentRow>> {
  const { catalog, identifier } = options;
  await catalog.ensureTables();
  await catalog.createNamespace(identifier.namespace);
  try {
    await catalog.loadTable(identifier);
  } catch (error) {
    if (!isCode(error, 'TABLE_NOT_FOUND')) throw error;
    const schema = defineSchema(SCORED_PAYMENT_COLUMNS);
    try {
      await catalog.createTable(identifier, {
        schema,
        spec: dayPartitionSpec(schema, PARTITION_COLUMN),
        properties: {
          'write.parquet.compression-codec': (options.codec ?? 'SNAPPY').toLowerCase(),
        },
      });
    } catch (createError) {
      if (!isCode(createError, 'TABLE_EXISTS')) throw createError;
    }
  }
  const writer = await createTableWriter<ScoredPaymentRow>(options);
  await writer.addColumns(SCORED_PAYMENT_COLUMNS);
  return writer;
}
