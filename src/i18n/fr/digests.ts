import type {
  DigestAudience,
  DigestStage,
  MonthAgeBand,
  MonthExit,
  MonthOutcome,
  MonthStage,
} from '../../domain/digest.js';

export const frDigest = {
  title: (audience: string) => `Synthèse hebdomadaire — ${audience}`,
  audience: {
    schooling: 'Accompagnement à la scolarité',
    parenting: 'Prévention et parentalité',
    health: 'Santé',
    cellule: 'tous les axes',
  } satisfies Record<DigestAudience, string>,
  period: (week: number, from: string, to: string) => `Semaine ${week}, du ${from} au ${to}`,
  notice: (threshold: number) =>
    `Données agrégées (niveau 2 de la charte) : « < ${threshold} » signale un effectif de 1 à ${threshold - 1}, « n.c. » un chiffre masqué pour qu’aucun enfant ne puisse être reconnu.`,
  small: (threshold: number) => `< ${threshold}`,
  hidden: 'n.c.',
  total: 'Total',
  newReferrals: 'Nouveaux repérages',
  byAgeBand: 'Par tranche d’âge',
  byStage: 'Par niveau scolaire',
  stage: { maternelle: 'Maternelle', elementaire: 'Élémentaire', college: 'Collège', other: 'Autre' } satisfies Record<
    DigestStage,
    string
  >,
  openByStatus: 'Dossiers ouverts en fin de semaine, par étape',
  consents: 'Accords des familles',
  consent: { given: 'donnés', refused: 'refusés', pending: 'en attente (fin de semaine)' },
  orientations: 'Actions démarrées, par action du catalogue',
  none: 'aucune',
  delays: 'Délais médians (12 dernières semaines)',
  toAnalysis: 'du repérage à l’analyse',
  toOrientation: 'du repérage à la première orientation',
  // French as people write it: "0 jour", "1,5 jour", "2 jours" (singular below 2).
  days: (d: number, cases: number) =>
    `${String(d).replace('.', ',')} ${d < 2 ? 'jour' : 'jours'} (${cases} ${cases < 2 ? 'dossier' : 'dossiers'})`,
  other: 'Autre',
  withdrawn: 'non publié : trop peu d’enfants pour qu’aucun ne puisse être reconnu',
  withdrawnFigure: 'non publié (il permettrait de retrouver un autre chiffre)',
  weekReferrals: 'Nouveaux repérages cette semaine',
  weeklyTrend: 'Nouveaux repérages, semaine par semaine',
  monthlyTrend: 'Nouveaux repérages, mois par mois',
  monthHeading: (month: string) => `Le mois écoulé : ${month}`,
  monthNote:
    'Les tableaux d’un mois sont publiés une seule fois, dans la première synthèse qui suit sa fin, puis repris à l’identique jusqu’au mois suivant : un mois rassemble assez d’enfants pour que ses chiffres disent quelque chose sans qu’aucun enfant puisse être reconnu.',
  noMonth:
    'Aucun mois complet à publier pour l’instant (le premier mois entier suivi par l’application le sera dès sa fin).',
  monthDelays: 'Délais médians du mois',
  monthConsent: { given: 'donnés', refused: 'refusés', pending: 'en attente (fin du mois)' },
  monthAgeBand: { '2-10': '2–10 ans', '11-16': '11–16 ans' } satisfies Record<MonthAgeBand, string>,
  monthStage: {
    primaire: 'Maternelle et élémentaire',
    secondaire: 'Collège et au-delà, ou non renseigné',
  } satisfies Record<MonthStage, string>,
  monthOutcomes: 'Orientations vers une action, par suite donnée',
  monthOutcome: {
    started: 'actions démarrées',
    not_started: 'actions non démarrées',
    ended: 'actions terminées',
  } satisfies Record<MonthOutcome, string>,
  monthExits: 'Sorties du programme',
  monthExit: { exits: 'enfants sortis' } satisfies Record<MonthExit, string>,
  provisional:
    ':hourglass_flowing_sand: *Provisoire* : la semaine n’est pas finie, ces chiffres peuvent encore changer.',
  provisionalShort: 'provisoire',
  republished: 'republication',
  republication: (on: string, first: string) =>
    `*Republication du ${on}* : les chiffres publiés le ${first}, à l’identique.`,
  tooFew: 'trop peu de dossiers pour être publié',
  closures: 'Clôtures, par motif',
  uncoveredNeeds: 'Besoins non couverts (aucune action ne répond), par axe',
  operatorAnswers: 'Réponses des opérateurs, par structure',
  answer: {
    started: 'prises en charge démarrées',
    notStarted: (reason: string) => `non démarrées : ${reason.toLowerCase()}`,
    ended: (attendance: string) => `terminées, assiduité ${attendance}`,
    unknownAttendance: 'non renseignée',
  },
  toStart: 'de l’orientation au démarrage de l’action',
  trend: 'Nouveaux repérages sur 12 semaines',
  fragility: 'Signes de fragilité observés au repérage, par axe',
  parcoursEntered: 'Entrées en parcours individualisé',
  parcoursEnteredRow: 'entrées',
  outcomes: 'Orientations, par action et par suite donnée',
  outcome: { started: 'démarrées', not_started: 'non démarrées', ended: 'terminées' },
  /** A windowed count: the week, then the wider windows a reader turns to when the week's count is too small. */
  windows: (week: string, twelveWeeks: string, schoolYear: string) =>
    `${week} cette semaine, ${twelveWeeks} en 12 semaines, ${schoolYear} depuis le 1er septembre`,
  chart: {
    trendTitle: 'Nouveaux repérages, semaine par semaine',
    fragilityTitle: 'Signes de fragilité observés cette semaine, par axe',
    monthFragilityTitle: 'Signes de fragilité observés au repérage pendant le mois écoulé, par axe',
    monthTrendTitle: 'Nouveaux repérages, mois par mois',
    alt: (months: string, trend: string, fragility: string) =>
      `Graphique en barres.${months ? ` Nouveaux repérages, mois par mois : ${months}.` : ''} Nouveaux repérages, semaine par semaine : ${trend}.${fragility ? ` Signes de fragilité observés au repérage, par axe : ${fragility}.` : ''} Une barre absente correspond à un chiffre masqué (« < 3 » ou « n.c. »).`,
    filename: (audience: string, week: string) => `synthese-${audience}-${week}.png`,
    title: (week: string) => `Graphique de la synthèse ${week}`,
    comment: 'Le graphique de la synthèse (les chiffres sont aussi dans le message).',
  },
  weekShort: (id: string) => `S${Number(id.slice(-2))}`,
  monthShort: (id: string) =>
    `${['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'][Number(id.slice(5)) - 1] ?? id} ${id.slice(0, 4)}`,
  preview: 'Aperçu (non publié)',
  usage:
    'Syntaxe : `/reperage synthese [semaine]` pour un aperçu, `/reperage synthese renvoyer [semaine] groupe` pour republier (groupe : scolarite, parentalite, sante ou cellule). La semaine s’écrit S47, semaine 47 ou 2026-W47.',
  coordinatorOnly: 'Les synthèses sont gérées par le chef de projet PRE.',
  badWeek: 'Semaine inconnue. Exemples : S47, semaine 47, 2026-W47.',
  resent: (week: string, audience: string) => `Synthèse ${week} republiée pour : ${audience}.`,
  notConfigured: (audience: string) =>
    `Aucun canal n’est configuré pour : ${audience}. La synthèse attendra que l’administrateur le configure.`,
} as const;
