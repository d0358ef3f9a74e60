import { institutionScopeKey, operatorScopeKey } from './agreement.js';

/** A partner a family's agreement may cover: its scope key and its name. */
export interface Partner {
  key: string;
  label: string;
}

/**
 * The partners, one entry each: the operators of the catalogue's actions (an orientation needs its operator in the
 * agreement), then the institutions of the lists that are not one of them. An institution named like an operator
 * ("AFEV" in the lists, "AFEV" in the catalogue) is that operator, under the operator's key.
 */
export function partnersOf(
  operators: readonly string[],
  institutions: readonly { id: string; label: string }[],
): Partner[] {
  const byKey = new Map<string, string>();
  for (const name of [...operators].sort((a, b) => a.localeCompare(b, 'fr')))
    if (!byKey.has(operatorScopeKey(name))) byKey.set(operatorScopeKey(name), name);
  const others = institutions
    .filter((i) => !byKey.has(operatorScopeKey(i.label)))
    .map((i) => ({ key: institutionScopeKey(i.id), label: i.label }));
  return [...[...byKey].map(([key, label]) => ({ key, label })), ...others];
}

/**
 * Another name of a partner already known, if `name` is one: its acronym in brackets ("Office … (OMJA)") or a word
 * in capitals ("CMPP d’Aubervilliers") names a partner whose name differs. A catalogue that spells a partner twice
 * splits a family's agreement in two; the coordinator is told to use the known name.
 */
export function otherNameOf(name: string, known: readonly Partner[]): Partner | undefined {
  const key = operatorScopeKey(name);
  if (known.some((p) => operatorScopeKey(p.label) === key)) return undefined;
  const words = [...name.matchAll(/\(([^)]+)\)|(?<![\p{L}\p{N}])(\p{Lu}{2,})(?![\p{L}\p{N}])/gu)].map((m) =>
    (m[1] ?? m[2] ?? '').trim(),
  );
  return known.find((p) => words.some((w) => operatorScopeKey(w) === operatorScopeKey(p.label)));
}
