/** Roles of the charter (issue: confidentiality). `referrer` is everyone; it is never stored. */
export const ROLES = ['coordinator', 'team', 'group'] as const;
export type Role = (typeof ROLES)[number];

/** Level 1 is for the people named by the coordinator: the cellule/team members, and the coordinator. */
export function canReadIdentity(roles: readonly Role[]): boolean {
  return roles.includes('coordinator') || roles.includes('team');
}

/** Why someone opens a case's level-1 file; chosen in the modal and recorded with the access. */
export const ACCESS_REASONS = ['follow_up', 'team_meeting', 'evaluation', 'family_request'] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];

/** Only the coordinator manages members, the catalogue, and reads the access log. */
export function isCoordinator(roles: readonly Role[]): boolean {
  return roles.includes('coordinator');
}
