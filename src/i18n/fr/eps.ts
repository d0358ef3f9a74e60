/** The équipe pluridisciplinaire de soutien: meetings, agenda, decisions. */
export const frEps = {
  scheduleTitle: 'Réunion de l’EPS',
  decisionTitle: 'Décision de l’EPS',
  save: 'Enregistrer',
  cancel: 'Fermer',
  heldOn: 'Date de la réunion',
  institutions: 'Institutions présentes',
  attendees: 'Membres présents',
  attendeesHint:
    'Avec le chef de projet, seuls les membres présents enregistrent les décisions de la réunion. Membres de la cellule ou de l’équipe uniquement.',
  attendeesWithoutRole: (mentions: string) =>
    `Ces personnes ne sont pas membres de la cellule ou de l’équipe pluridisciplinaire : ${mentions}. Le chef de projet leur donne ce rôle avec /reperage membres.`,
  members: (mentions: string) => `*Membres présents :* ${mentions}`,
  presentOnly:
    'Seuls le chef de projet et les membres enregistrés comme présents à cette réunion enregistrent ses décisions.',
  scheduleIntro:
    'L’ordre du jour est établi à partir des dossiers : situations à examiner, bilans de parcours dus, accords attendus, clôtures proposées. Il est publié dans le canal de la cellule (références seulement).',
  header: (on: string) => `Équipe pluridisciplinaire de soutien — réunion du ${on}`,
  fallback: (on: string, count: number) =>
    `Réunion de l’EPS du ${on} : ${count} situation${count > 1 ? 's' : ''} à l’ordre du jour`,
  present: (names: string) => `*Présents :* ${names}`,
  nobodyListed: '*Présents :* non renseigné',
  reason: {
    to_examine: 'Situations à examiner',
    review_due: 'Bilans de parcours dus',
    agreement_awaited: 'Accords de famille attendus',
    closure_proposed: 'Clôtures proposées',
  },
  emptyAgenda: 'Aucune situation à l’ordre du jour.',
  allDecided:
    'Toutes les situations de l’ordre du jour ont reçu une décision. Une situation ajournée revient à l’ordre du jour de la réunion suivante.',
  decide: 'Enregistrer une décision',
  situation: 'Situation',
  decision: 'Décision',
  referent: 'Référent de parcours (entrée en parcours)',
  relayTo: 'Service relais (relais vers le droit commun)',
  noFollowUpReason: 'Motif (sans suite)',
  recorded: (reference: string) =>
    `:white_check_mark: Décision enregistrée pour *${reference}*. Vous pouvez en enregistrer une autre.`,
  notFound: 'Cette réunion est introuvable.',
  tooFarAhead: (months: number) => `Une réunion se programme au plus ${months} mois à l’avance.`,
  tooLongAgo: (months: number) =>
    `Une réunion passée s’enregistre dans les ${months} mois qui suivent : choisissez une date plus récente.`,
  notYetHeld: (day: string) =>
    `La réunion du ${day} n’a pas encore eu lieu : ses décisions s’enregistrent à partir de ce jour-là.`,
  referredAfterMeeting: (reference: string, referredOn: string, heldOn: string) =>
    `La situation ${reference} a été repérée le ${referredOn}, après la réunion du ${heldOn} : elle n’a pas pu y être examinée.`,
  place: 'Lieu',
  placeLine: (place: string) => `*Lieu :* ${place}`,
  editIntro:
    'La date d’une réunion qui a déjà pris des décisions ne change plus (elles sont datées de ce jour). Une nouvelle date établit à nouveau l’ordre du jour.',
  minutes: 'Compte rendu',
  minutesHint:
    'Désignez les situations par leur référence (PRE-…) : ni nom, ni prénom, ni détail de la situation d’un enfant ou de sa famille.',
  minutesWritten: (mention: string) => `*Compte rendu :* rédigé par ${mention} (bouton « Modifier, compte rendu »)`,
  noMinutes: 'Le compte rendu de cette réunion n’est pas encore rédigé.',
  edit: 'Modifier, compte rendu',
  cancelMeeting: 'Annuler la réunion',
  keepMeeting: 'Garder la réunion',
  cancelConfirm: (day: string) =>
    `La réunion du ${day} sera annulée : son ordre du jour est retiré, ses situations reviendront à la réunion suivante.`,
  cancelledHeader: (day: string) => `Équipe pluridisciplinaire de soutien — réunion du ${day} annulée`,
  cancelledFallback: (day: string) => `La réunion de l’EPS du ${day} est annulée.`,
  cancelledBy: (mention: string) =>
    `Annulée par ${mention}. Ses situations reviennent à l’ordre du jour de la réunion suivante.`,
  cancelled: 'Cette réunion a été annulée : elle ne prend plus de décision et ne se modifie plus.',
  decidedKeepsDay:
    'Cette réunion a déjà pris des décisions, datées de son jour : sa date ne change plus. Modifiez le reste, ou gardez la date.',
  hasDecisions: 'Cette réunion a déjà pris des décisions : elle ne peut plus être annulée.',
  updated: (day: string) =>
    `:white_check_mark: Réunion du ${day} mise à jour ; son ordre du jour est redessiné dans le canal de la cellule.`,
  cancelDone: (day: string) =>
    `:white_check_mark: La réunion du ${day} est annulée ; son ordre du jour l’indique dans le canal de la cellule.`,
  teamOnly: 'Les réunions de l’EPS sont réservées aux membres de la cellule et de l’équipe, et au chef de projet.',
} as const;
