import * as z from '../../domain/schemas/zod';
import { MalformedItemError } from './errors';

/**
 * The attributes that place an item in the table and its indexes, its type tag and its time to live (the
 * table's TTL attribute): never part of the record.
 */
const tableAttributes = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'type', 'expiresAtEpoch'] as const;

/** The record an item stores: the item without its keys, index keys and type tag. The one key-stripping helper. */
export function stripKeys(item: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!item) return {};
  const rest = { ...item };
  for (const a of tableAttributes) delete rest[a];
  return rest;
}

/** Where an item is, for an error message: its keys when it has them. */
function whereIs(item: Record<string, unknown>): string {
  return typeof item.PK === 'string' ? ` (${item.PK}${typeof item.SK === 'string' ? ` / ${item.SK}` : ''})` : '';
}

/**
 * The record an item stores, parsed with `schema` (keys stripped first). A malformed item is a
 * MalformedItemError naming the item and each offending field, never a silent cast.
 */
export function parseItem<T>(schema: z.ZodMiniType<T>, item: Record<string, unknown>, what: string): T {
  const parsed = z.safeParse(schema, stripKeys(item));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(item)'}: ${i.message}`);
  throw new MalformedItemError(`malformed ${what}${whereIs(item)}: ${problems.join('; ')}`);
}
