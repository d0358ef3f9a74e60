import type { Axis } from '../domain/axes.js';
import { type DetailField, type DetailFields, type DetailIssue, readDetails } from '../domain/catalogue.js';
import { otherNameOf, partnersOf } from '../domain/partners.js';
import { canReadIdentity } from '../domain/roles.js';
import type { CatalogueRepository } from '../store/catalogue-repository.js';
import type { MemberRepository } from '../store/member-repository.js';

export type CatalogueEdit =
  | { operation: 'add'; axis: Axis; title: string; operator: string; details: DetailFields }
  | { operation: 'rename'; actionId: string; title?: string; operator?: string; details: DetailFields }
  | { operation: 'retire'; actionId: string }
  | { operation: 'restore'; actionId: string };

export type CatalogueEditOutcome =
  | { kind: 'refused' }
  | { kind: 'not_found' }
  /** The operator typed is another name of a partner already known (its name given): one partner, one name. */
  | { kind: 'other_name'; partner: string }
  /** A detail that does not fit (an age outside 2–16, places not a number…). */
  | { kind: 'invalid'; field: DetailField; issue: DetailIssue }
  | { kind: 'done'; title: string };

export function slugOf(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50);
}

/** Coordinators only. Retiring never deletes: past orientations keep naming their action. */
export async function editCatalogue(
  deps: {
    catalogue: CatalogueRepository;
    members: MemberRepository;
    lists: { institutions: readonly { id: string; label: string }[] };
  },
  input: { userId: string; edit: CatalogueEdit; now: Date },
): Promise<CatalogueEditOutcome> {
  const { roles } = await deps.members.profile(input.userId);
  if (!roles.includes('coordinator') || !canReadIdentity(roles)) return { kind: 'refused' };
  const all = await deps.catalogue.all();
  const { edit } = input;
  if ((edit.operation === 'add' || edit.operation === 'rename') && edit.operator) {
    const known = partnersOf(
      all.filter((a) => a.id !== (edit.operation === 'rename' ? edit.actionId : '')).map((a) => a.operator),
      deps.lists.institutions,
    );
    const other = otherNameOf(edit.operator, known);
    if (other) return { kind: 'other_name', partner: other.label };
  }
  if (edit.operation === 'add') {
    const read = readDetails(edit.details);
    if ('field' in read) return { kind: 'invalid', ...read };
    const base = slugOf(edit.title) || 'action';
    let id = base;
    for (let i = 2; all.some((a) => a.id === id); i += 1) id = `${base}-${i}`;
    await deps.catalogue.add({ id, axis: edit.axis, title: edit.title, operator: edit.operator, ...read.details });
    return { kind: 'done', title: edit.title };
  }
  const existing = all.find((a) => a.id === edit.actionId);
  if (!existing) return { kind: 'not_found' };
  if (edit.operation === 'rename') {
    // A blank field keeps what the action had.
    const read = readDetails(edit.details, existing);
    if ('field' in read) return { kind: 'invalid', ...read };
    const title = edit.title ?? existing.title;
    await deps.catalogue.rename(existing.id, title, edit.operator ?? existing.operator, read.details);
    return { kind: 'done', title };
  }
  if (edit.operation === 'restore') {
    await deps.catalogue.restore(existing.id);
    return { kind: 'done', title: existing.title };
  }
  await deps.catalogue.retire(existing.id, input.now);
  return { kind: 'done', title: existing.title };
}
