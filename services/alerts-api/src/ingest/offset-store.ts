import type pg from 'pg';

type Queryable = Pick<pg.ClientBase, 'query'>;

/** The next offset to read from a partition, as last committed with the rows; undefined if never. */
export async function storedOffset(
  client: Queryable,
  topic: string,
  partition: number,
): Promise<bigint | undefined> {
  const { rows } = await client.query<{ next_offset: string }>(
    'SELECT next_offset::text FROM consumer_offsets WHERE topic = $1 AND partition = $2',
    [topic, partition],
  );
  return rows[0] ? BigInt(rows[0].next_offset) : undefined;
}

/**
 * Locks the partition's offset row for the caller's transaction (creating it at `initial`), so
 * two consumers that both believe they own the partition (a rebalance in progress, a zombie)
 * take turns and the second sees what the first stored.
 */
export async function lockOffset(
  client: Queryable,
  topic: string,
  partition: number,
  initial: bigint,
): Promise<bigint> {
  await client.query(
    `INSERT INTO consumer_offsets (topic, partition, next_offset) VALUES ($1, $2, $3)
     ON CONFLICT (topic, partition) DO NOTHING`,
    [topic, partition, initial.toString()],
  );
  const { rows } = await client.query<{ next_offset: string }>(
    `SELECT next_offset::text FROM consumer_offsets
      WHERE topic = $1 AND partition = $2 FOR UPDATE`,
    [topic, partition],
  );
  return BigInt(rows[0]?.next_offset ?? initial);
}

export async function saveOffset(
  client: Queryable,
  topic: string,
  partition: number,
  next: bigint,
): Promise<void> {
  await client.query(
    `UPDATE consumer_offsets SET next_offset = $3, updated_at = now()
      WHERE topic = $1 AND partition = $2`,
    [topic, partition, next.toString()],
  );
}
