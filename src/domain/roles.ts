/** Roles of the charter (issue: confidentiality). `referrer` is everyone; it is never stored. */
export const ROLES = ['coordinator', 'team', 'group'] as const;
export type Role = (typeof ROLES)[number];

/** Level 1 is for the people named by the coordinator: the cellule/team members, and the coordinator. */
export function canReadIdentity(roles: readonly Role[]): boolean {
  return roles.includes('coordinator') || roles.includes('team');
}
