import { createHash } from 'node:crypto';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { type CaseFacet, facetText } from '../../../domain/case-facets.js';
import type { CaseState } from '../../../domain/pathway.js';
import { CASE_FORM_BASIS, type CaseModalKind } from '../../ids.js';

/**
 * A pathway form's private_metadata: the case's reference, the version the user saw and, for each part of the case
 * the form is drawn from (ids.ts CASE_FORM_BASIS), a short fingerprint of it as shown — `PRE-2026-0001@7~a1b2c3d4.…`.
 * Fingerprints, not contents: the metadata travels through Slack and holds nothing about the child.
 */
const fingerprint = (state: CaseState, facet: CaseFacet) =>
  createHash('sha256').update(facetText(state, facet)).digest('hex').slice(0, 8);

export function formMetadata(kind: CaseModalKind, reference: string, state: CaseState): string {
  return `${reference}@${state.version}~${CASE_FORM_BASIS[kind].map((f) => fingerprint(state, f)).join('.')}`;
}

/** The form drawn for this state: its metadata says what it was drawn from. */
export const withBasis = (view: ModalView, kind: CaseModalKind, reference: string, state: CaseState): ModalView => ({
  ...view,
  private_metadata: formMetadata(kind, reference, state),
});

/**
 * A form's metadata read back. One opened before fingerprints existed (`reference@version`, a form left open across
 * an upgrade) has none: every part then counts as changed, so a form whose case moved is drawn again, nothing lost.
 */
export const formMetadataSchema = z
  .string()
  .regex(/^PRE-\d{4}-\d{4,6}@\d{1,9}(~[0-9a-f]{8}(\.[0-9a-f]{8}){0,7})?$/)
  .transform((v) => {
    const [seen, prints = ''] = v.split('~') as [string, string?];
    const [reference, version] = seen.split('@') as [string, string];
    return { reference, version: Number(version), prints: prints ? prints.split('.') : [] };
  });

/** The parts of the case the form was drawn from that changed since (none: the form is still right). */
export function changedFacets(kind: CaseModalKind, prints: readonly string[], state: CaseState): CaseFacet[] {
  return CASE_FORM_BASIS[kind].filter((facet, i) => prints[i] !== fingerprint(state, facet));
}
