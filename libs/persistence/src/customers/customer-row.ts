import type { CustomerRecord } from '@firsthand/domain';
import type { CustomerCard } from '@firsthand/http-contracts';

export const CUSTOMER_COLUMNS = `c.id, c.name, c.email, c.phone, c.tier, c.locale, c.created_at, c.merged_into_id`;

export interface CustomerRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  tier: CustomerRecord['tier'];
  locale: CustomerRecord['locale'];
  created_at: Date;
  merged_into_id: string | null;
}

export function toCustomerRecord(row: CustomerRow): CustomerRecord {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, tier: row.tier, locale: row.locale, mergedIntoId: row.merged_into_id };
}

export function toCustomerCard(row: CustomerRow): CustomerCard {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, tier: row.tier, locale: row.locale, createdAt: new Date(row.created_at).toISOString() };
}

/** The record an id leads to: itself, or the survivor at the end of its merges (a few steps at most). */
export const SURVIVOR_OF = `WITH RECURSIVE chain(id, merged_into_id, depth) AS (
    SELECT id, merged_into_id, 0 FROM customers WHERE id = $1
    UNION ALL SELECT c.id, c.merged_into_id, chain.depth + 1 FROM customers c JOIN chain ON c.id = chain.merged_into_id WHERE chain.depth < 32)
  SELECT id FROM chain WHERE merged_into_id IS NULL`;
