/**
 * An information préoccupante (DOMAIN.md): a child in danger is not a PRE matter; the app records that one was
 * transmitted to the CRIP (when, by whom, whether the parents were informed and, if not, why) — never its content.
 * It changes nothing else: the PRE does not replace child protection, nor stop by itself.
 */

/** Why the parents were not told of an information préoccupante (the child's interest comes first). */
export const IP_NOT_INFORMED_REASONS = ['danger_for_child', 'crip_request', 'unreachable', 'other'] as const;
export type IpNotInformedReason = (typeof IP_NOT_INFORMED_REASONS)[number];

export type IpCommand = {
  type: 'record_information_preoccupante';
  on: string;
  parentsInformed: boolean;
  notInformedReason?: IpNotInformedReason;
};
