/** Roles of the charter (issue: confidentiality). `referrer` is everyone; it is never stored. */
export const ROLES = ['coordinator', 'team', 'group'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who may work on cases (examine, ask the family's agreement, orient…): the cellule and team members, and the
 * coordinators. Working on a case is not reading its file: see `read_file` in domain/policy.ts.
 */
export function canReadIdentity(roles: readonly Role[]): boolean {
  return roles.includes('coordinator') || roles.includes('team');
}

/** The answer to "may I read this file": the policy's (domain/policy.ts `read_file`), as the file modal words it. */
export type FileAccess = 'granted' | 'not_allowed' | 'not_on_case' | 'archived';

/** Why someone opens a case's level-1 file; chosen in the modal and recorded with the access. */
export const ACCESS_REASONS = ['follow_up', 'team_meeting', 'evaluation', 'family_request'] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];

/** Why an operator's referent opens a liaison sheet's shared fields; recorded with the access. */
export const OPERATOR_ACCESS_REASONS = ['contact_family', 'start_support', 'follow_up'] as const;
export type OperatorAccessReason = (typeof OPERATOR_ACCESS_REASONS)[number];

/** Only the coordinator manages members, the catalogue, and reads the access log. */
export function isCoordinator(roles: readonly Role[]): boolean {
  return roles.includes('coordinator');
}
