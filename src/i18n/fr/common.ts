import type { Axis } from '../../domain/axes.js';
import type { CaseStatus } from '../../domain/case-status.js';
import type { SchoolStage } from '../../domain/lists.js';
import type { AgeBand, ClassLevel, FamilyAgreement, Service, Sex } from '../../domain/referral.js';

/**
 * What Slack shows from `manifest.yml`: the app's and the shortcuts' names. The manifest cannot import this file,
 * so tests/manifest.test.ts checks that both say the same, within the limits of Slack's manifest schema.
 */
export const manifestNames = {
  app: 'Repérage PRE',
  shortcuts: { newReferral: 'Nouveau repérage', referFromMessage: 'Repérer ce message' },
} as const;

/** Part of `fr` (src/i18n/fr.ts): the common surface. */
export const frCommon = {
  axis: {
    schooling: 'Accompagnement à la scolarité',
    parenting: 'Prévention et parentalité',
    health: 'Santé',
  } satisfies Record<Axis, string>,
  status: {
    referred: 'À examiner',
    in_analysis: 'En analyse',
    oriented: 'Orienté',
    in_progress: 'Parcours en cours',
    evaluated: 'Bilan fait',
    closed: 'Clôturé',
  } satisfies Record<CaseStatus, string>,
  classLevel: {
    tps: 'TPS',
    ps: 'PS',
    ms: 'MS',
    gs: 'GS',
    cp: 'CP',
    ce1: 'CE1',
    ce2: 'CE2',
    cm1: 'CM1',
    cm2: 'CM2',
    '6e': '6e',
    '5e': '5e',
    '4e': '4e',
    '3e': '3e',
    lycee: 'Lycée',
    non_scolarise: 'Non scolarisé',
  } satisfies Record<ClassLevel, string>,
  sex: { girl: 'Fille', boy: 'Garçon', unspecified: 'Non précisé' } satisfies Record<Sex, string>,
  service: {
    ase: 'ASE',
    pmi: 'PMI',
    cmpp: 'CMPP',
    pjj: 'PJJ',
    social_service: 'Service social',
    prevention: 'Prévention spécialisée',
    none: 'Aucun',
  } satisfies Record<Service, string>,
  familyAgreement: {
    agreed_written: 'Oui, la famille est d’accord (accord écrit)',
    agreed_oral: 'Oui, la famille est d’accord (accord oral)',
    informed: 'Informée, pas encore d’accord',
    not_informed: 'Pas encore informée',
  } satisfies Record<FamilyAgreement, string>,
  ageBand: {
    '2-5': '2–5 ans',
    '6-10': '6–10 ans',
    '11-13': '11–13 ans',
    '14-16': '14–16 ans',
  } satisfies Record<AgeBand, string>,
  stage: {
    maternelle: 'Maternelle',
    elementaire: 'Élémentaire',
    college: 'Collège',
    lycee: 'Lycée',
    autre: 'Autre',
  } satisfies Record<SchoolStage, string>,
  otherSchool: 'Autre établissement (préciser)',
  unknownNeighbourhood: 'Non renseigné',
  yes: 'Oui',
  no: 'Non',
} as const;
