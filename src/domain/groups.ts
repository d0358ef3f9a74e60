import { z } from 'zod';
import { AXES, type Axis } from './axes.js';

/**
 * A reflection group beyond the programme's three thematic ones (schooling, parenting, health, whose channels are
 * settings): its name, the axes it follows and its channel. It receives, in its channel, the weekly digest of each
 * axis it follows — the very digests the three groups receive, protected together (no new figure is published, so
 * nothing can be worked back from one more channel). Archived, it receives nothing more; it is never deleted.
 */
export const MAX_GROUPS = 10;

export const groupSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  name: z.string().trim().min(1).max(75),
  axes: z
    .array(z.enum(AXES))
    .min(1)
    .max(AXES.length)
    .refine((axes) => new Set(axes).size === axes.length, 'an axis once'),
  channel: z.string().regex(/^[CG][A-Z0-9]{2,40}$/),
  archived: z.boolean().optional(),
});
export type ReflectionGroup = z.infer<typeof groupSchema>;

export const groupsSchema = z
  .array(groupSchema)
  .max(MAX_GROUPS)
  .refine((groups) => new Set(groups.map((g) => g.id)).size === groups.length, 'duplicate ids');

/** The row key the groups are recorded under, beside the lists. */
export const GROUPS_KEY = 'groups';

/** The groups (not archived) that follow `axis`: each receives that axis' digest. */
export function groupsFollowing(groups: readonly ReflectionGroup[], axis: Axis): ReflectionGroup[] {
  return groups.filter((g) => !g.archived && g.axes.includes(axis));
}

/** A name already taken by another group (names tell groups apart in Réglages). */
export function nameTaken(groups: readonly ReflectionGroup[], name: string, exceptId?: string): boolean {
  const folded = name.trim().toLocaleLowerCase('fr');
  return groups.some((g) => g.id !== exceptId && g.name.trim().toLocaleLowerCase('fr') === folded);
}
