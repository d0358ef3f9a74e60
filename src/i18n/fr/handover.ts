/** Leaving and handover: a member's cases given to others, a référent's absence covered by a deputy. */
export const frHandover = {
  title: 'Confier des dossiers',
  save: 'Confier',
  cancel: 'Plus tard',
  intro: (userId: string, count: number) =>
    `<@${userId}> n’a plus de rôle qui donne accès aux dossiers : son accès à chacun a pris fin. ${count} dossier${count > 1 ? 's' : ''} ouvert${count > 1 ? 's' : ''} n’${count > 1 ? 'ont' : 'a'} plus de référent. Choisissez pour chacun un membre de l’équipe ; chaque passation est inscrite dans l’historique du dossier.`,
  introOne: (reference: string) =>
    `Le dossier *${reference}* n’a plus de référent en fonction. Choisissez un membre de l’équipe ; la passation est inscrite dans l’historique du dossier.`,
  caseLabel: (reference: string, status: string) => `${reference} — ${status}`.slice(0, 2000),
  more: (count: number) =>
    `Et ${count} autre${count > 1 ? 's' : ''} : ${count > 1 ? 'ils restent' : 'il reste'} dans l’accueil de l’application (« Dossiers sans référent »).`,
  chooseOne: 'Choisissez au moins un nouveau référent.',
  done: (references: string) => `Dossiers confiés : ${references}. Chaque nouveau référent le voit dans son accueil.`,
  coordinatorOnly: 'Les passations de dossiers sont réservées au chef de projet PRE.',
  homeTitle: 'Dossiers sans référent',
  homeButton: 'Confier',
  homeButtonLabel: (reference: string) => `Confier le dossier ${reference} à un nouveau référent`,
};

export const frAbsence = {
  title: 'Absence d’un référent',
  save: 'Enregistrer',
  cancel: 'Annuler',
  intro:
    'Pendant une absence, un remplaçant a le même accès que le référent à tous ses dossiers, jusqu’à la date indiquée. Chaque remplacement est enregistré.',
  absent: 'Référent absent',
  deputy: 'Remplaçant',
  until: 'Jusqu’au (inclus)',
  change: 'Action',
  set: 'Désigner un remplaçant',
  end: 'Mettre fin à l’absence (retour du référent)',
  untilPast: 'Cette date est passée : choisissez aujourd’hui ou une date à venir.',
  selfDeputy: 'Le remplaçant doit être une autre personne que le référent absent.',
  deputyNoRole:
    'Le remplaçant doit être membre de l’équipe pluridisciplinaire (ou de la cellule de veille), ou chef de projet.',
  othersCoordinatorOnly: 'Seul le chef de projet PRE désigne le remplaçant d’une autre personne.',
  teamOnly: 'Les absences concernent les membres de l’équipe et le chef de projet.',
  saved: (absent: string, deputy: string, until: string) =>
    `<@${deputy}> remplace <@${absent}> jusqu’au ${until} inclus.`,
  ended: (absent: string) => `L’absence de <@${absent}> est terminée : ses dossiers lui reviennent.`,
  noneToEnd: 'Aucune absence en cours pour cette personne.',
  toDeputy: (absent: string, until: string) =>
    `Vous remplacez <@${absent}> jusqu’au ${until} inclus : vous avez le même accès que ce référent à ses dossiers. Chaque consultation reste enregistrée.`,
  usage: 'Syntaxe : `/reperage absence`',
};
