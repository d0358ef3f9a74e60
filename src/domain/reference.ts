/** Case references: PRE-<year>-<sequence>, the sequence gap-free within a year. */
export const REFERENCE_PATTERN = /^PRE-\d{4}-\d{4,6}$/;

export function referenceOf(year: number, sequence: number): string {
  return `PRE-${year}-${String(sequence).padStart(4, '0')}`;
}
