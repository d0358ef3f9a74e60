import type { InstitutionKind } from '../../domain/lists.js';

/** The kinds of institution a referral comes from, as the return and the lists name them. */
export const institutionKindWords = {
  education: 'Éducation nationale',
  city: 'Ville',
  department: 'Département (PMI, ASE)',
  justice: 'Protection judiciaire de la jeunesse',
  caf: 'CAF',
  care: 'Soin (CMPP)',
  association: 'Associations',
  pre: 'PRE',
  other: 'Autre',
} satisfies Record<InstitutionKind, string>;

/** The annual return (bilan annuel) for the State's survey. */
export const frAnnual = {
  usage:
    'Syntaxe : `/reperage bilan` (l’année scolaire en cours) ou `/reperage bilan 2025-2026` (du 1er septembre au 31 août).',
  noData: (year: string) =>
    `*Bilan annuel ${year}* : aucun enfant repéré ni suivi cette année scolaire. Aucun classeur n’est envoyé.`,
  coordinatorOnly: 'Le bilan annuel est réservé au chef de projet PRE.',
  failed: (year: string) =>
    `Le bilan ${year} n’a pas pu être préparé. Rien n’a été envoyé ; réessayez dans un moment, et si cela se reproduit, signalez-le à l’administrateur.`,
  preparing: (year: string) =>
    `Le bilan ${year} est en préparation : il vous arrive en message direct (classeurs et CSV).`,
  comment: (year: string, level: 2 | 3) =>
    level === 3
      ? `Bilan annuel ${year} — version publiable (niveau 3 : petits effectifs masqués).`
      : `Bilan annuel ${year} — version pour le comité technique (niveau 2 : effectifs exacts, aucune référence de dossier).`,
  summary: (year: string, referred: number, parcours: number, beneficiaries: number) =>
    `*Bilan annuel ${year}* : ${referred} enfant${referred > 1 ? 's' : ''} repéré${referred > 1 ? 's' : ''}, ${parcours} en parcours individualisé, ${beneficiaries} bénéficiaire${beneficiaries > 1 ? 's' : ''} au total. Le détail est dans les classeurs joints ; la liste de ce qui n’est pas encore collecté est dans le README.`,
  levelThreeLater: (year: string) =>
    `L’année ${year} n’est pas finie : seule la version pour le comité technique est jointe. La version publiable (niveau 3) sera préparée une fois l’année close, le 31 août, puis reprise à l’identique à chaque demande.`,
  altText: (year: string, level: 2 | 3) =>
    `Classeur du bilan annuel ${year}, niveau ${level} : une feuille par tableau (activité, entrées et sorties, sexe, âge, niveau scolaire, QPV, éducation prioritaire, origine, signes de fragilité, orientations, prestations, besoins non couverts, durée des parcours, EPS).`,
  indicator: 'Indicateur',
  value: 'Valeur',
  table: 'Tableau',
  small: (threshold: number) => `< ${threshold}`,
  hidden: 'n.c.',
  tables: {
    activity: 'Activité',
    entries_exits: 'Entrées et sorties',
    sex: 'Sexe',
    age_band: 'Tranche d’âge',
    school_level: 'Niveau scolaire',
    qpv: 'Quartier prioritaire',
    education_priority: 'Éducation prioritaire',
    origin: 'Origine du repérage',
    fragility: 'Signes de fragilité',
    orientations_by_action: 'Orientations par action',
    orientations_by_axis: 'Orientations par axe',
    orientations_by_operator: 'Orientations par opérateur',
    prestations: 'Prestations individuelles',
    uncovered_needs: 'Besoins non couverts',
    parcours_length: 'Durée des parcours',
    eps: 'Équipe pluridisciplinaire',
  },
  keys: {
    referred: 'Enfants repérés',
    examined: 'Situations examinées',
    in_parcours: 'Enfants en parcours individualisé',
    beneficiaries: 'Bénéficiaires (parcours ou action démarrée)',
    entries: 'Entrées en parcours',
    girl: 'Filles',
    boy: 'Garçons',
    unspecified: 'Non précisé',
    unknown: 'Non renseigné',
    qpv: 'Réside en QPV',
    not_qpv: 'Hors QPV',
    rep_plus: 'École ou collège en REP+',
    rep: 'École ou collège en REP',
    none: 'Hors éducation prioritaire',
    ...institutionKindWords,
    started: 'démarrées',
    not_started: 'non démarrées',
    ended: 'terminées',
    mean_days: 'Durée moyenne (jours)',
    median_days: 'Durée médiane (jours)',
    cases: 'Parcours terminés dans l’année',
    meetings: 'Réunions tenues',
    situations_examined: 'Situations examinées',
    state_pre: 'État (crédits PRE)',
    commune: 'Commune',
    cost_euros: 'coût (euros)',
    exit: 'Sortie',
    decision: 'Décision',
  } as Record<string, string>,
} as const;
