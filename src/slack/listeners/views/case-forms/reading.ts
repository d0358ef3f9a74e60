import type { Axis } from '../../../../domain/axes.js';
import type { Orientation, Parcours } from '../../../../domain/pathway.js';
import { frCase } from '../../../../i18n/fr.js';
import type { CaseNotes } from '../../../../store/case-repository.js';
import { dateOf, type ViewState } from '../../../view-state.js';
import { caseBlocks as b, type consentStep } from '../../../views/case-modals.js';

export const oneOf = <T extends string>(values: readonly T[], v: string | undefined): T | undefined =>
  values.find((x) => x === v);

/** What a form's reader knows of the case when it reads the form. */
export type FormContext = {
  consent: Parameters<typeof consentStep>[0];
  orientations: Orientation[];
  activeActions: string[];
  operatorOf: Map<string, string>;
  prestations: readonly { id: string; axis: Axis }[];
  today: string;
  parcours?: Parcours;
  objectiveIds: Record<Axis, string[]>;
  /** The next bilan's day, from a step's day. */
  reviewAfter(on: string): string;
};

/** One reading of a submitted form: its values, the case, the inline errors and level-1 notes gathered so far. */
export interface FormReading {
  state: ViewState;
  ctx: FormContext;
  errors: Record<string, string>;
  notes: CaseNotes;
  /** The step's day: required, never in the future. */
  day(): string;
  required(blockId: string): void;
}

export function formReading(state: ViewState, ctx: FormContext): FormReading {
  const errors: Record<string, string> = {};
  return {
    state,
    ctx,
    errors,
    notes: {},
    day: () => {
      const on = dateOf(state, b.date);
      if (!on) errors[b.date] = frCase.modal.required;
      else if (on > ctx.today) errors[b.date] = frCase.modal.futureDate;
      return on ?? ctx.today;
    },
    required: (blockId) => {
      errors[blockId] = frCase.modal.required;
    },
  };
}
