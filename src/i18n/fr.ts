import type { Axis } from '../domain/axes.js';
import type { CaseStatus } from '../domain/case-status.js';
import type { SchoolStage } from '../domain/lists.js';
import type { AgeBand, ClassLevel, FamilyInformed, IntakeErrorCode, Service, Sex } from '../domain/referral.js';

/** Every sentence a user reads in Slack. Code never builds French text anywhere else. */
export const fr = {
  axis: {
    schooling: 'Accompagnement à la scolarité',
    parenting: 'Prévention et parentalité',
    health: 'Santé',
  } satisfies Record<Axis, string>,
  status: {
    referred: 'Repéré',
    in_analysis: 'En analyse',
    oriented: 'Orienté',
    in_progress: 'Accompagnement en cours',
    evaluated: 'Évalué',
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
  familyInformed: { yes: 'Oui', no: 'Non', unknown: 'Ne sait pas' } satisfies Record<FamilyInformed, string>,
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

  intake: {
    title: 'Nouveau repérage',
    submit: 'Envoyer',
    close: 'Annuler',
    emergency:
      ':warning: Le PRE n’est pas une procédure d’urgence. Un enfant en danger : appelez le *119* ou transmettez une *information préoccupante* à la CRIP du département.',
    confidentiality:
      ':lock: Les noms, la date de naissance, les coordonnées et la description de la situation sont chiffrés et ne sont visibles que des membres habilités de la cellule de veille.',
    childHeader: 'L’enfant',
    firstName: 'Prénom',
    lastName: 'Nom',
    birthDate: 'Date de naissance',
    sex: 'Sexe',
    school: 'École ou établissement',
    schoolPlaceholder: 'Choisir un établissement',
    schoolOther: 'Autre établissement',
    schoolOtherHint: 'À remplir seulement si vous avez choisi « Autre établissement ».',
    classLevel: 'Niveau de classe',
    classLevelPlaceholder: 'Choisir un niveau',
    neighbourhood: 'Quartier d’Aubervilliers',
    neighbourhoodPlaceholder: 'Choisir un quartier',
    familyHeader: 'La famille',
    guardianName: 'Nom du responsable légal',
    phone: 'Téléphone',
    phoneHint: 'Facultatif. Exemple : 06 12 34 56 78',
    languages: 'Langue(s) parlée(s) à la maison',
    interpreter: 'Interprète',
    interpreterOption: 'Un interprète est nécessaire',
    situationHeader: 'La situation',
    axes: 'Axes concernés',
    difficulties: (axis: string) => `Difficultés observées — ${axis}`,
    situation: 'Description de la situation',
    situationHint: 'Faits observés, depuis quand, ce qui a déjà été tenté. Au moins 20 caractères.',
    services: 'Services déjà impliqués',
    familyInformed: 'La famille est-elle informée du repérage ?',
    referrerHeader: 'Vous',
    institution: 'Votre institution',
    institutionPlaceholder: 'Choisir une institution',
    role: 'Votre fonction',
    rolePlaceholder: 'Ex. enseignante en CM1, assistant social scolaire',
  },

  intakeErrors: {
    required: 'Ce champ est obligatoire.',
    too_long: 'Ce texte est trop long.',
    invalid_choice: 'Ce choix n’est pas valable : choisissez dans la liste.',
    invalid_date: 'Cette date n’est pas valable.',
    birth_in_future: 'La date de naissance ne peut pas être dans le futur.',
    too_young: 'Le PRE accompagne les enfants à partir de 2 ans.',
    too_old: 'Le PRE accompagne les enfants jusqu’à 16 ans inclus.',
    invalid_phone: 'Numéro non reconnu. Exemple : 06 12 34 56 78 ou +33 6 12 34 56 78.',
    axis_required: 'Choisissez au moins un axe.',
    situation_too_short: 'Décrivez la situation en au moins 20 caractères.',
    difficulty_without_axis: 'Vous avez coché des difficultés sur cet axe sans choisir l’axe ci-dessus.',
    none_with_services: '« Aucun » ne peut pas être coché avec un autre service.',
    school_other_required: 'Précisez le nom de l’établissement.',
  } satisfies Record<IntakeErrorCode, string>,
  submitted: {
    title: 'Repérage envoyé',
    body: (reference: string) =>
      `:white_check_mark: Le repérage *${reference}* est enregistré. La cellule de veille en est informée et vous recevez un accusé de réception en message privé.`,
    already: (reference: string) => `Ce formulaire a déjà été envoyé : c’est le repérage *${reference}*.`,
    close: 'Fermer',
  },
  submitFailed:
    'L’enregistrement n’a pas pu se faire (base de données indisponible). Rien n’a été enregistré : réessayez dans un instant, votre saisie est conservée.',

  card: {
    header: (reference: string) => `Nouveau repérage ${reference}`,
    fallback: (reference: string) => `Nouveau repérage ${reference}`,
    ageBand: 'Tranche d’âge',
    classLevel: 'Niveau',
    neighbourhood: 'Quartier',
    axes: 'Axes',
    services: 'Services impliqués',
    familyInformed: 'Famille informée',
    institution: 'Institution du référent',
    date: 'Date',
    status: 'Statut',
    assignee: 'Suivi par',
    take: 'Prendre en charge',
    view: 'Voir le dossier',
    none: 'Aucun',
  },

  receipt: {
    fallback: (reference: string) => `Accusé de réception du repérage ${reference}`,
    body: (reference: string) =>
      `Merci. Votre repérage *${reference}* a bien été reçu par la cellule de veille éducative.`,
    next: 'La suite : l’équipe pluridisciplinaire analyse la situation, avec l’accord de la famille, puis propose un accompagnement. Vous serez tenu·e informé·e de l’avancement dans l’onglet Accueil de l’application.',
    recap: 'Récapitulatif',
  },

  file: {
    title: 'Dossier',
    close: 'Fermer',
    refusedTitle: 'Accès réservé',
    refused:
      'Le dossier nominatif est réservé aux membres habilités de la cellule de veille et au chef de projet PRE (charte de confidentialité, article 3). Votre demande a été enregistrée. Si vous pensez devoir y accéder, adressez-vous au chef de projet.',
    notFound: 'Ce dossier est introuvable.',
    unreadable:
      'Une partie de ce dossier ne peut pas être lue (donnée altérée ou clé de chiffrement manquante). L’incident est signalé à l’administrateur ; rien n’est affiché.',
    child: 'Enfant',
    birthDate: 'Né·e le',
    guardian: 'Responsable légal',
    phone: 'Téléphone',
    languages: 'Langues parlées',
    school: 'Établissement',
    situation: 'Situation',
    notProvided: 'non renseigné',
    accessNotice: 'Cette consultation est enregistrée (qui, quand, quel dossier).',
  },

  help: [
    '*/reperage* — Programme de Réussite Éducative d’Aubervilliers',
    '• `/reperage` ou `/reperage nouveau` : signaler un enfant de 2 à 16 ans qui montre des signes de fragilité.',
    '• `/reperage aide` : cette aide.',
    'Vous pouvez aussi utiliser le raccourci « Nouveau repérage », ou « Repérer à partir de ce message » sur un message.',
    ':warning: Ce n’est pas une procédure d’urgence : un enfant en danger, appelez le 119 ou transmettez une information préoccupante à la CRIP.',
  ].join('\n'),
  // The typed text is never echoed: someone may have typed a child's name after the command.
  unknownCommand: 'Je ne connais pas cette commande. Tapez `/reperage aide` pour voir ce que je sais faire.',
  genericError: 'Une erreur est survenue. Rien n’a été perdu ; réessayez dans un instant.',
  expiredTrigger: 'Le formulaire n’a pas pu s’ouvrir à temps. Relancez la commande.',
} as const;

export const frCase = {
  assignedLine: (userId: string, when: string) => `:raising_hand: Pris en charge par <@${userId}> le ${when}.`,
  alreadyAssigned: (reference: string, userId: string) =>
    `Le dossier ${reference} est déjà suivi par <@${userId}>. La carte a été mise à jour.`,
  staleCard: (reference: string) =>
    `Le dossier ${reference} a changé depuis l’affichage de cette carte : rien n’a été modifié. La carte est à jour, réessayez si besoin.`,
  notFound: 'Ce dossier est introuvable.',
} as const;
