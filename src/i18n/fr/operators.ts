/** Partner operators: their channel and referents, the liaison sheet (fiche de liaison) and their answers. */
export const frOperator = {
  sheetFallback: (reference: string, action: string) => `Fiche de liaison ${reference} — ${action}`,
  sheetHeader: (reference: string) => `Fiche de liaison — ${reference}`,
  action: 'Action',
  ageBand: 'Tranche d’âge',
  stage: 'Niveau scolaire',
  referent: 'Référent de parcours à rappeler',
  noReferent: 'la cellule de veille (référent pas encore désigné)',
  asked: 'Ce qui est demandé',
  askedAction: (action: string) => `Accueillir l’enfant dans l’action « ${action} ».`,
  askedObjectives: (objectives: string) => `Objectifs du parcours convenus avec la famille : ${objectives}.`,
  status: 'Suivi',
  statusLine: {
    proposed: (on: string) => `Orientation proposée le ${on} : en attente de votre réponse.`,
    started: (on: string) => `Prise en charge démarrée le ${on}.`,
    ended: (on: string, attendance: string) => `Prise en charge terminée le ${on} (assiduité : ${attendance}).`,
    not_started: (on: string, reason: string) => `Non démarrée (${on}) : ${reason}.`,
    cancelled: (reason: string) =>
      `Orientation arrêtée avant de démarrer : ${reason}. Plus rien n’est attendu de vous sur cette fiche.`,
    stopped: (reason: string) => `Orientation arrêtée : ${reason}. Plus rien n’est attendu de vous sur cette fiche.`,
  },
  noName:
    ':lock: Aucun nom dans ce canal : « Voir la fiche » ouvre, pour les référents de l’opérateur seulement, ce que la famille a accepté de partager.',
  view: 'Voir la fiche',
  start: 'Prise en charge démarrée',
  notStarted: 'Non démarrée',
  end: 'Terminée',
  viewLabel: (reference: string) => `Voir la fiche de liaison ${reference}`,
  notReferent:
    'Cette fiche est réservée aux référents de l’opérateur concerné. Votre demande a été refusée et enregistrée.',
  closedSheet: 'Cette orientation est arrêtée ou terminée : la fiche n’est plus accessible.',
  notFound: 'Cette fiche de liaison est introuvable.',
  startTitle: 'Prise en charge',
  notStartedTitle: 'Non démarrée',
  endTitle: 'Fin de prise en charge',
  fieldsTitle: 'Fiche de liaison',
  reasonTitle: 'Voir la fiche',
  save: 'Enregistrer',
  open: 'Ouvrir',
  cancel: 'Annuler',
  close: 'Fermer',
  date: 'Date',
  notStartedReason: 'Pourquoi la prise en charge ne démarre pas',
  attendance: 'Assiduité',
  appreciation: 'Appréciation',
  appreciationOption: {
    achieved: 'Objectifs de l’action atteints',
    partly_achieved: 'Objectifs partiellement atteints',
    not_achieved: 'Objectifs non atteints',
  },
  comment: 'Commentaire pour le référent (confidentiel)',
  commentHint: 'Chiffré, visible des seules personnes du dossier, effacé avec lui.',
  reasonIntro: (reference: string) =>
    `Vous allez voir les informations que la famille a accepté de partager avec votre structure pour *${reference}*. Cette consultation est enregistrée.`,
  reason: 'Motif de la consultation',
  reasons: {
    contact_family: 'Prendre contact avec la famille',
    start_support: 'Organiser la prise en charge',
    follow_up: 'Suivre la prise en charge',
  },
  fieldsNotice:
    ':lock: Informations confidentielles partagées avec l’accord de la famille. Ne les recopiez pas dans un canal.',
  childFirstName: 'Prénom de l’enfant',
  guardianName: 'Représentant légal',
  guardianPhone: 'Téléphone du représentant légal',
  notProvided: 'non renseigné',
  recorded: (reference: string) =>
    `:white_check_mark: Réponse enregistrée pour *${reference}*. Le référent de parcours est informé.`,
  waitingForChannel: (reference: string, action: string) =>
    `La fiche de liaison de *${reference}* (« ${action} ») attend : l’opérateur de cette action n’a pas encore de canal. Le chef de projet PRE peut le renseigner dans \`/reperage catalogue\` ; la fiche partira alors d’elle-même.`,
  reminder: (days: number) =>
    `:hourglass_flowing_sand: Rappel : cette orientation attend votre réponse depuis ${days} jours. Indiquez si la prise en charge a démarré, ou pourquoi elle ne démarre pas.`,
  noAnswer: (reference: string, action: string) =>
    `L’opérateur n’a pas répondu à la fiche de liaison de *${reference}* (« ${action} »), malgré un rappel. Vous pouvez le contacter directement.`,
  // Catalogue: each operator's channel and referents.
  operatorsHeader: '*Opérateurs* : canal des fiches de liaison et référents',
  operatorLine: (name: string, channel: string | undefined, referents: number) =>
    `• *${name}* — ${channel ? `<#${channel}>` : 'pas de canal'} — ${referents} référent${referents > 1 ? 's' : ''}`,
  configure: 'Canal et référents',
  configureLabel: (name: string) => `Canal et référents de ${name}`.slice(0, 75),
  operatorTitle: 'Opérateur',
  operatorIntro: (name: string) =>
    `*${name}* : les fiches de liaison de ses actions sont publiées dans ce canal (sans nom). Seuls ses référents les ouvrent et y répondent. Chaque changement est enregistré.`,
  channel: 'Canal des fiches de liaison',
  channelHint: 'Un canal de l’espace de travail, ou partagé avec la structure (Slack Connect).',
  referents: 'Référents de l’opérateur',
  operatorSaved: (name: string) =>
    `:white_check_mark: ${name} : canal et référents enregistrés. Les fiches en attente partent dans ce canal.`,
  coordinatorOnly: 'Seul le chef de projet PRE renseigne les opérateurs.',
} as const;
