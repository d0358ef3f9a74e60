import type { Axis } from '../../domain/axes.js';
import type { Lists } from '../../domain/lists.js';
import { OTHER_SCHOOL, UNKNOWN_NEIGHBOURHOOD } from '../../domain/lists.js';
import { prestationActionId } from '../../domain/pathway.js';
import { fr, frCase } from '../../i18n/fr.js';

/** Display names for ids that come from the editable lists file. */
export interface ListLabels {
  school(id: string): string;
  neighbourhood(id: string): string;
  institution(id: string): string;
  objective(axis: Axis, id: string): string;
  /** The kinds of prestation individuelle, under the action ids their orientations carry. */
  prestationTitles(): [string, string][];
}

export function listLabels(lists: Lists): ListLabels {
  const lookup = (items: { id: string; label: string }[], id: string) => items.find((i) => i.id === id)?.label ?? id;
  return {
    school: (id) => (id === OTHER_SCHOOL ? fr.otherSchool : lookup(lists.schools, id)),
    neighbourhood: (id) => (id === UNKNOWN_NEIGHBOURHOOD ? fr.unknownNeighbourhood : lookup(lists.neighbourhoods, id)),
    institution: (id) => lookup(lists.institutions, id),
    objective: (axis, id) => lookup(lists.objectives[axis], id),
    prestationTitles: () => lists.prestations.map((p) => [prestationActionId(p.id), frCase.prestationTitle(p.label)]),
  };
}
