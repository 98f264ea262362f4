/** A piece of user-facing text in both languages: Thai first, English second. */
export type Bilingual = { th: string; en: string };

/** The label of a value in a closed catalogue (see catalogue.ts), or the value itself in both languages. */
export function labelOf<K extends string>(catalogue: Record<K, Bilingual>, value: string): Bilingual {
  return (Object.hasOwn(catalogue, value) ? catalogue[value as K] : null) ?? { th: value, en: value };
}

/** How a person is named to others: their name, or else their address (never an empty string when either is known). */
export function displayName(person: { name?: string | null; email?: string | null }): string {
  return person.name?.trim() || person.email || "";
}
