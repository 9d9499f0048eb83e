import { EXHIBIT_A_CATEGORIES } from '@verbatim/core';

/** When the seed categories count as added: the same in every catalog, so both adapters list them alike. */
const SEEDED_AT = '2019-04-24T00:00:00.000Z';

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The INSERT that seeds Westport's 13 Exhibit A categories (adopted April 24, 2019), in its order. Both SQL
 * dialects accept it; the ids are stable so reviews in any catalog cite the same ones.
 */
export function seedPolicyCategoriesSql(): string {
  const rows = EXHIBIT_A_CATEGORIES.map(
    ({ id, label }, index) =>
      `(${quote(id)}, ${quote(label)}, NULL, ${quote(SEEDED_AT)}, ${quote(SEEDED_AT)}, ${index + 1})`,
  );
  return `INSERT INTO policy_categories (id, label, retired_at, created_at, updated_at, position) VALUES\n${rows.join(',\n')};`;
}
