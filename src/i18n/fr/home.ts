import type { ActorRole } from '../../domain/policy.js';
import type { ReferrerStep } from '../../domain/referrer-steps.js';

/** Part of `frCase` (src/i18n/fr.ts): the home surface. */
export const frCaseHome = {
  timeline: {
    header: (reference: string) => `*Historique du dossier ${reference}* (niveau 2, sans données nominatives)`,
    usage: 'Syntaxe : `/reperage dossier PRE-2026-0007`',
    referred: 'repérage reçu',
    /** For team members outside the case: weeks and roles, never days and people. */
    coarseHeader: (reference: string) =>
      `*Historique du dossier ${reference}* (niveau 2, par semaine ; les jours et les personnes sont réservés aux intervenants du dossier)`,
    someone: 'un membre de l’équipe',
    actor: {
      coordinator: 'La coordination',
      team: 'L’équipe',
      group: 'Un groupe de réflexion',
      referrer: 'La personne qui a orienté',
      none: 'Un partenaire',
    } satisfies Record<ActorRole, string>,
    assigned: 'a pris en charge le dossier',
    stepsHeader: (reference: string) =>
      `*Votre repérage ${reference}* : les étapes dont la structure à l’origine du repérage est informée.`,
    step: {
      received: 'repérage reçu par le PRE',
      examined: 'situation examinée',
      parcours_started: 'parcours de réussite éducative démarré, avec l’accord de la famille',
      closed: 'suivi terminé',
    } satisfies Record<ReferrerStep, string>,
  },
  home: {
    title: 'Repérage PRE',
    toExamine: 'À examiner',
    waiting: (days: number) => (days < 2 ? `en attente depuis ${days} jour` : `en attente depuis ${days} jours`),
    agreementsToComplete: 'Accords reçus au repérage, à compléter',
    oralToConfirm: 'Accords oraux à confirmer par écrit',
    parcours: 'Mes parcours',
    reviewOn: (on: string) => `bilan le ${on}`,
    reviewOverdue: (on: string) => `:warning: bilan en retard (prévu le ${on})`,
    noReview: 'objectifs à fixer',
    openObjectives: (n: number) => (n < 2 ? `${n} objectif en cours` : `${n} objectifs en cours`),
    closureProposed: 'Refus de la famille : clôture proposée',
    assigned: 'Mes dossiers suivis',
    awaitingConsent: 'Accords de famille en attente',
    idle: 'Sans mouvement depuis 30 jours',
    referred: 'Mes repérages',
    operatorSheets: 'Fiches de liaison de ma structure',
    sheetStatus: {
      proposed: (on: string) => `orientation du ${on}, en attente de votre réponse`,
      started: (on: string) => `prise en charge en cours (orientation du ${on})`,
    },
    none: 'Aucun pour l’instant.',
    newReferral: 'Nouveau repérage',
    intro: 'Programme de Réussite Éducative d’Aubervilliers. Le repérage se fait avec `/reperage`.',
    requestedOn: (on: string) => `demandé le ${on}`,
    more: (n: number) => `… et ${n} autre(s)`,
    referrerStep: {
      received: 'reçu',
      examined: 'en cours d’examen',
      parcours: 'parcours en cours',
      closed: 'suivi terminé',
    },
  },
} as const;
