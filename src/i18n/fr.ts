import type { Axis } from '../domain/axes.js';
import type { CaseStatus } from '../domain/case-status.js';
import type { DigestAudience, DigestStage } from '../domain/digest.js';
import type { SchoolStage } from '../domain/lists.js';
import type {
  Attendance,
  ClosureReason,
  ConsentChannel,
  ConsentStatus,
  EpsDecision,
  Funder,
  NoFollowUpReason,
  NotStartedReason,
  ObjectiveRating,
  OrientationOutcome,
  OrientationStatus,
  ParcoursExceptionReason,
  ParcoursNextStep,
  RefusalReason,
  Rejection,
  Result,
} from '../domain/pathway.js';
import type { AgeBand, ClassLevel, FamilyAgreement, IntakeErrorCode, Service, Sex } from '../domain/referral.js';
import type { ReferrerStep } from '../domain/referrer-steps.js';
import type { AccessReason, Role } from '../domain/roles.js';

/**
 * What Slack shows from `manifest.yml`: the app's and the shortcuts' names. The manifest cannot import this file,
 * so tests/manifest.test.ts checks that both say the same, within the limits of Slack's manifest schema.
 */
export const manifestNames = {
  app: 'Repérage PRE',
  shortcuts: { newReferral: 'Nouveau repérage', referFromMessage: 'Repérer ce message' },
} as const;
const shortcutNames = manifestNames.shortcuts;

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
    phoneHint: 'Exemple : 06 12 34 56 78',
    languages: 'Langue(s) parlée(s) à la maison',
    interpreter: 'Interprète',
    interpreterOption: 'Un interprète est nécessaire',
    situationHeader: 'La situation',
    axes: 'Axes concernés',
    difficulties: (axis: string) => `Difficultés observées — ${axis}`,
    situation: 'Description de la situation',
    situationHint: 'Faits observés, depuis quand, ce qui a déjà été tenté. Au moins 20 caractères.',
    services: 'Services déjà impliqués',
    familyAgreement: 'La famille est-elle informée, et d’accord pour l’orientation vers le PRE ?',
    familyAgreementHint: 'Le formulaire s’adapte à votre réponse.',
    preReferralNotice:
      ':information_source: *Situation à examiner.* Sans l’accord de la famille, aucune identité n’est demandée ni enregistrée : la cellule de veille examine la situation de façon anonyme. L’identité sera complétée par le référent de parcours après l’accord de la famille.',
    noNamesWarning:
      ':warning: N’écrivez aucun nom, prénom, adresse ni coordonnée dans la description : la famille n’a pas encore donné son accord.',
    ageBand: 'Tranche d’âge de l’enfant',
    guardian2Header: 'Second responsable légal (s’il y en a un)',
    guardian2Name: 'Nom du second responsable légal',
    guardian2Phone: 'Téléphone du second responsable légal',
    referrerHeader: 'Vous',
    institution: 'Structure à l’origine du repérage',
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
      `:white_check_mark: Le repérage *${reference}* est enregistré. La cellule de veille en est informée et vous recevez un accusé de réception en message direct.`,
    already: (reference: string) => `Ce formulaire a déjà été envoyé : c’est le repérage *${reference}*.`,
    close: 'Fermer',
  },
  submitFailed:
    'L’enregistrement n’a pas pu se faire (base de données indisponible). Rien n’a été enregistré : réessayez dans un instant, votre saisie est conservée.',

  card: {
    header: (reference: string) => `Repérage ${reference}`,
    preReferral: 'Situation à examiner (sans identité)',
    fallback: (reference: string) => `Repérage ${reference}`,
    ageBand: 'Tranche d’âge',
    stage: 'Niveau scolaire',
    week: 'Repéré',
    weekOf: (monday: string) => `semaine du ${monday}`,
    classLevel: 'Classe',
    neighbourhood: 'Quartier',
    axes: 'Axes',
    services: 'Services impliqués',
    familyAgreement: 'Réponse de la famille au repérage',
    institution: 'Structure à l’origine du repérage',
    date: 'Date',
    status: 'Statut',
    assignee: 'Référent de parcours',
    take: 'Examiner la situation',
    view: 'Voir le dossier',
    viewLabel: (reference: string) => `Voir le dossier ${reference}`,
    none: 'Aucun',
  },

  receipt: {
    fallback: (reference: string) => `Accusé de réception du repérage ${reference}`,
    body: (reference: string) =>
      `Merci. Votre repérage *${reference}* a bien été reçu par la cellule de veille éducative.`,
    next: 'La suite : l’équipe pluridisciplinaire analyse la situation, avec l’accord de la famille, puis propose un accompagnement. Vous serez tenu·e informé·e de l’avancement dans l’onglet Accueil de l’application.',
    recap: 'Récapitulatif',
    informFamily:
      ':warning: *La famille doit être informée.* Rien ne se fera sans son accord : présentez-lui le Programme de Réussite Éducative (son but, ce qui est partagé et avec qui, son droit de refuser), remettez-lui la notice d’information, et dites-lui que le référent de parcours la contactera. Si vous ne pouvez pas le faire, dites-le à la cellule de veille, qui s’en chargera.',
    preReferral:
      'C’est une *situation à examiner* : aucune identité n’est enregistrée tant que la famille n’a pas donné son accord.',
  },

  file: {
    title: 'Dossier',
    close: 'Fermer',
    refusedTitle: 'Accès réservé',
    refused:
      'Le dossier nominatif est réservé aux membres habilités de la cellule de veille et au chef de projet PRE (charte de confidentialité, article 3). Votre demande a été enregistrée. Si vous pensez devoir y accéder, adressez-vous au chef de projet.',
    notFound: 'Ce dossier est introuvable.',
    notOnCase:
      'Ce dossier n’est ouvert qu’à son référent de parcours, aux personnes qu’il ou le chef de projet a ajoutées au dossier, et au chef de projet PRE (besoin d’en connaître). Votre demande a été enregistrée. Pour y être ajouté·e : `/reperage intervenants PRE-…` par le référent.',
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
    '• `/reperage` ou `/reperage nouveau` : orienter vers le PRE un enfant de 2 à 16 ans qui montre des signes de fragilité.',
    '• `/reperage dossier PRE-2026-0007` : l’historique d’un dossier (sans données nominatives).',
    '• `/reperage catalogue` : gérer le catalogue des actions (chef de projet).',
    '• `/reperage membres` : gérer les membres habilités (chef de projet).',
    '• `/reperage synthese [2026-W47]` : aperçu privé de la synthèse hebdomadaire ; `/reperage synthese renvoyer 2026-W47 sante` la republie (chef de projet).',
    '• `/reperage acces PRE-2026-0007` : le journal des consultations d’un dossier (chef de projet).',
    '• `/reperage intervenants PRE-2026-0007` : les personnes qui peuvent consulter un dossier (son référent de parcours ou le chef de projet les ajoute).',
    '• `/reperage eps` : programmer une réunion de l’équipe pluridisciplinaire de soutien et enregistrer ses décisions.',
    '• `/reperage absence` : désigner le remplaçant d’un référent absent, jusqu’à une date (le référent lui-même, ou le chef de projet).',
    '• `/reperage bilan 2025-2026` (chef de projet) : le bilan annuel de l’année scolaire, en message direct (classeurs et CSV).',
    '• `/reperage archives` : les bordereaux d’élimination et l’enregistrement du visa des archives (chef de projet).',
    '• `/reperage aide` : cette aide.',
    `Vous pouvez aussi utiliser le raccourci « ${shortcutNames.newReferral} », ou « ${shortcutNames.referFromMessage} » sur un message.`,
    ':warning: Ce n’est pas une procédure d’urgence : un enfant en danger, appelez le 119 ou transmettez une information préoccupante à la CRIP.',
  ].join('\n'),
  // The typed text is never echoed: someone may have typed a child's name after the command.
  messageAuthorNotice:
    ':lock: Votre message vient de servir à orienter un enfant vers le PRE. S’il contient des informations nominatives (nom, adresse, situation de la famille), supprimez-le de ce canal : elles sont désormais enregistrées de façon confidentielle.',
  messageAuthorNoticeFallback:
    ':lock: Ce message peut contenir des informations nominatives : demandez à son auteur de le supprimer de ce canal (l’application n’a pas pu le prévenir ici).',
  unknownCommand: 'Je ne connais pas cette commande. Tapez `/reperage aide` pour voir ce que je sais faire.',
  genericError: 'Une erreur est survenue. Rien n’a été perdu ; réessayez dans un instant.',
  expiredTrigger: 'Le formulaire n’a pas pu s’ouvrir à temps. Relancez la commande.',
} as const;

export const frCase = {
  refusalReason: {
    no_need_felt: 'La famille ne ressent pas le besoin d’un accompagnement',
    already_supported: 'Accompagnement déjà en place ailleurs',
    disagrees: 'Désaccord avec le constat',
    other: 'Autre',
  } satisfies Record<RefusalReason, string>,
  consent: {
    not_requested: 'Accord de la famille : non demandé',
    requested: 'Accord de la famille : demandé, en attente',
    given: 'Accord de la famille : donné',
    refused: 'Accord de la famille : refusé',
    withdrawn: 'Accord de la famille : retiré',
  } satisfies Record<ConsentStatus, string>,
  consentChannel: { interview: 'Entretien', phone: 'Téléphone', letter: 'Courrier' } satisfies Record<
    ConsentChannel,
    string
  >,
  result: {
    achieved: 'Atteint',
    partly_achieved: 'Partiellement atteint',
    not_achieved: 'Non atteint',
  } satisfies Record<Result, string>,
  outcome: {
    achieved: 'atteint',
    partly_achieved: 'partiellement atteint',
    not_achieved: 'non atteint',
    consent_withdrawn: 'accord de la famille retiré',
    scope_withdrawn: 'partenaire retiré de l’accord de la famille',
    case_closed: 'dossier clôturé',
    waiting_list: 'liste d’attente',
    family_absent: 'famille non venue',
    action_full: 'action complète',
    out_of_criteria: 'hors critères',
    family_refused: 'refus de la famille',
    other: 'autre raison',
  } satisfies Record<OrientationOutcome, string>,
  funder: { state_pre: 'État (crédits PRE)', commune: 'Commune' } satisfies Record<Funder, string>,
  /** How a prestation individuelle is named on cards, thread lines and forms. */
  prestationTitle: (label: string) => `Prestation individuelle : ${label}`,
  orientationStatus: {
    proposed: 'proposée',
    started: 'en cours',
    ended: 'terminée',
    not_started: 'non démarrée',
    cancelled: 'annulée',
    stopped: 'arrêtée',
  } satisfies Record<OrientationStatus, string>,
  notStartedReason: {
    waiting_list: 'Liste d’attente',
    family_absent: 'Famille non venue',
    action_full: 'Action complète, plus de place',
    out_of_criteria: 'Hors critères de l’action',
    family_refused: 'Refus de la famille',
    other: 'Autre',
  } satisfies Record<NotStartedReason, string>,
  attendance: {
    regular: 'Régulière',
    irregular: 'Irrégulière',
    dropped_out: 'Abandon',
  } satisfies Record<Attendance, string>,
  closureReason: {
    objectives_met: 'Objectifs atteints',
    moved_away: 'Déménagement',
    family_refused: 'Refus ou abandon de la famille',
    redirected: 'Relais vers le droit commun',
    age_limit: 'Limite d’âge',
    child_protection: 'Relais protection de l’enfance',
    other: 'Autre (préciser)',
  } satisfies Record<ClosureReason, string>,
  buttons: {
    take: 'Examiner la situation',
    request_consent: 'Demander l’accord',
    record_consent_given: 'Accord de la famille',
    complete_identity: 'Compléter l’identité',
    withdraw_consent: 'Retrait de l’accord',
    orient: 'Orienter',
    start_orientation: 'Démarrer une action',
    end_orientation: 'Terminer une action',
    evaluate: 'Faire le bilan',
    close: 'Clôturer',
    reopen: 'Rouvrir',
    record_information_preoccupante: 'Information préoccupante transmise',
    enter_parcours: 'Entrée en parcours hors EPS',
    change_referent: 'Changer de référent',
    set_objectives: 'Objectifs du parcours',
    review: 'Bilan du parcours',
  },
  // Thread lines: what, who, when. Level 2 only: never a name, never a free text.
  line: {
    take: 'examine la situation (référent de parcours)',
    complete_identity: 'a complété l’identité, après l’accord de la famille',
    request_consent: (channel: string, on: string) => `a demandé l’accord de la famille (${channel}, le ${on})`,
    record_consent_given: (on: string, form: 'written' | 'oral') =>
      `a enregistré l’accord de la famille (${form === 'written' ? 'écrit' : 'oral, à confirmer par écrit'}, le ${on})`,
    record_consent_refused: (on: string, reason?: string) =>
      `a enregistré le refus de la famille (le ${on}${reason ? ` ; motif : ${reason}` : ''})`,
    withdraw_consent: (on: string) =>
      `a enregistré le retrait de l’accord de la famille (le ${on}) : les actions en cours sont arrêtées, retour en analyse`,
    orient: (titles: string, needs: string) =>
      [titles && `a orienté vers : ${titles}`, needs && `a noté un besoin non couvert : ${needs}`]
        .filter(Boolean)
        .join(' ; '),
    start_orientation: (title: string, on: string) => `a démarré « ${title} » le ${on}`,
    end_orientation: (title: string, on: string, result: string) => `a terminé « ${title} » le ${on} : ${result}`,
    orientation_not_started: (title: string, on: string, reason: string) =>
      `a noté que « ${title} » n’a pas démarré (${on}) : ${reason}`,
    evaluate: (result: string, next: string) => `a fait le bilan du parcours : ${result} ; suite : ${next}`,
    close: (reason: string) => `a clôturé le dossier : ${reason}`,
    reopen: 'a rouvert le dossier (retour en analyse)',
    eps_decision: (decision: string, on: string) => `équipe pluridisciplinaire du ${on} : ${decision}`,
    enter_parcours: (referent: string, on: string, reason: string) =>
      `a décidé, hors réunion de l’EPS (${reason}), l’entrée en parcours individualisé le ${on} ; référent de parcours : <@${referent}>`,
    change_referent: (referent: string) => `a confié le dossier à un nouveau référent : <@${referent}>`,
    set_objectives: (count: number, on: string) =>
      `a fixé ${count} objectif${count > 1 ? 's' : ''} avec la famille (engagement du ${on})`,
    review: (next: string, on: string) => `a fait le bilan du parcours le ${on} ; suite : ${next}`,
    record_information_preoccupante: (on: string, parentsInformed: boolean) =>
      `a enregistré la transmission d’une information préoccupante à la CRIP (le ${on} ; parents ${parentsInformed ? 'informés' : 'non informés'})`,
  },
  nextStep: { continue: 'poursuivre', close: 'clôturer' },
  parcoursException: {
    urgent: 'situation urgente',
    eps_too_far: 'prochaine réunion de l’EPS trop lointaine',
    continuity: 'continuité d’un accompagnement déjà engagé',
    other: 'autre motif',
  } satisfies Record<ParcoursExceptionReason, string>,
  /** On the card once the family withdrew its agreement: what is left to do. */
  withdrawnNotice:
    'La famille a retiré son accord : le parcours et les actions sont arrêtés. Restent possibles : clôturer le dossier, demander à nouveau l’accord de la famille, enregistrer une information préoccupante.',
  epsDecision: {
    parcours: 'entrée en parcours',
    relay: 'relais vers le droit commun',
    no_follow_up: 'sans suite',
    adjourned: 'ajourné à la prochaine réunion',
  } satisfies Record<EpsDecision, string>,
  noFollowUpReason: {
    no_need_confirmed: 'Pas de besoin confirmé',
    already_supported: 'Déjà accompagné par ailleurs',
    out_of_scope: 'Hors du champ du PRE',
    family_refused: 'Refus de la famille',
    other: 'Autre',
  } satisfies Record<NoFollowUpReason, string>,
  parcoursNext: {
    continue: 'poursuivre le parcours',
    adjust: 'ajuster les objectifs',
    exit: 'sortie du parcours',
  } satisfies Record<ParcoursNextStep, string>,
  objectiveRating: {
    achieved: 'Atteint',
    partly_achieved: 'Partiellement atteint',
    not_achieved: 'Non atteint',
    abandoned: 'Abandonné',
  } satisfies Record<ObjectiveRating, string>,
  lineOf: (userId: string, what: string, when: string) => `<@${userId}> ${what} — ${when}`,
  rejection: {
    not_allowed:
      'Cette action est réservée aux membres de la cellule de veille et de l’équipe pluridisciplinaire, et au chef de projet.',
    not_on_case:
      'Vous n’êtes pas parmi les personnes de ce dossier : seuls son référent, les personnes qu’il ou le chef de projet y ont ajoutées, et le chef de projet y travaillent.',
    referent_only: 'Seuls le référent de ce dossier et le chef de projet PRE peuvent faire cela.',
    not_at_meeting:
      'Seuls le chef de projet et les membres enregistrés comme présents à cette réunion de l’EPS enregistrent ses décisions.',
    consent_withdrawn:
      'La famille a retiré son accord : seules la clôture du dossier, une nouvelle demande d’accord et la transmission d’une information préoccupante restent possibles.',
    archived: 'Ce dossier est archivé : seul le chef de projet PRE peut le consulter.',
    closed: 'Ce dossier est clôturé. Seul le chef de projet peut le rouvrir.',
    already_taken: 'Ce dossier est déjà pris en charge.',
    wrong_status: 'Cette étape n’est pas possible à ce stade du parcours.',
    consent_required: 'L’accord de la famille est nécessaire avant toute orientation.',
    consent_not_requested: 'L’accord de la famille n’a pas été demandé (ou a déjà reçu une réponse).',
    consent_already_requested: 'L’accord de la famille est déjà demandé : enregistrez sa réponse.',
    consent_not_given: 'L’accord de la famille n’est pas donné : il ne peut pas être retiré.',
    unknown_orientation: 'Cette action n’existe pas dans ce dossier.',
    orientation_not_proposed: 'Cette action a déjà démarré ou est terminée.',
    orientation_not_started: 'Cette action n’a pas démarré.',
    nothing_to_evaluate: 'Il n’y a pas de parcours en cours dont faire le bilan.',
    coordinator_only:
      'Seul le chef de projet PRE peut faire cela (rouvrir un dossier, décider d’une entrée en parcours hors réunion de l’EPS).',
    no_action_chosen: 'Choisissez au moins une action.',
    outside_scope:
      'Cette action est menée par un partenaire avec lequel la famille n’a pas accepté le partage d’informations. Mettez d’abord à jour l’accord de la famille (bouton « Accord de la famille », partenaires), puis orientez à nouveau.',
    not_pre_referral: 'L’identité de cet enfant est déjà enregistrée.',
    parcours_required: 'L’enfant n’est pas encore entré en parcours.',
    already_in_parcours: 'L’enfant est déjà en parcours.',
    objectives_count: 'Un parcours compte de un à quatre objectifs.',
    objectives_required: 'Fixez d’abord les objectifs du parcours avec la famille.',
    exit_reason_required: 'Indiquez le motif de sortie du parcours.',
    decision_incomplete: 'Cette décision demande une précision (référent, service relais ou motif).',
    referent_not_team:
      'Le référent de parcours doit être membre de l’équipe pluridisciplinaire (rôle donné par le chef de projet avec /reperage membres).',
    referent_away: 'Cette personne est absente (un remplaçant la couvre) : choisissez un autre référent.',
    already_referent: 'Cette personne est déjà le référent de ce dossier.',
    nothing_to_hand_over: 'Ce dossier n’a pas encore de référent : il est à examiner.',
    already_decided: 'Une décision a déjà été enregistrée pour cette situation à cette réunion.',
    date_before_referral: 'Cette date est antérieure au repérage.',
    date_before_request: 'Cette date est antérieure à la demande d’accord.',
    date_before_orientation: 'Cette date est antérieure à l’orientation vers cette action.',
    date_before_start: 'Cette date est antérieure au démarrage de cette action.',
  } satisfies Record<Rejection, string>,
  /** A step dated before what it depends on: which date, and the earliest it may be. */
  dateRejection: {
    date_before_referral: (limit: string) =>
      `Date impossible : cette étape ne peut pas être antérieure au repérage (${limit}). Indiquez une date à partir du ${limit}.`,
    date_before_request: (limit: string) =>
      `Date impossible : la réponse de la famille ne peut pas précéder la demande d’accord (${limit}). Indiquez une date à partir du ${limit}.`,
    date_before_orientation: (limit: string) =>
      `Date impossible : l’action ne peut pas démarrer avant l’orientation (${limit}). Indiquez une date à partir du ${limit}.`,
    date_before_start: (limit: string) =>
      `Date impossible : l’action ne peut pas se terminer avant son démarrage (${limit}). Indiquez une date à partir du ${limit}.`,
  },
  alreadyAssigned: (reference: string, userId: string) =>
    `Le dossier ${reference} est déjà suivi par <@${userId}>. La carte a été mise à jour.`,
  staleCard: (reference: string) =>
    `Le dossier ${reference} a changé depuis l’affichage de cette carte : rien n’a été modifié. La carte est à jour, réessayez si besoin.`,
  notFound: 'Ce dossier est introuvable.',
  modal: {
    consentTitle: 'Accord de la famille',
    identityTitle: 'Compléter l’identité',
    parcoursTitle: 'Parcours individualisé',
    referent: 'Référent de parcours',
    referentTitle: 'Changer de référent',
    referentIntro:
      'Le nouveau référent doit être membre de l’équipe pluridisciplinaire. Le changement est inscrit dans l’historique du dossier.',
    exceptionReason: 'Motif de la décision hors EPS',
    exceptionIntro:
      'L’entrée en parcours est décidée par l’équipe pluridisciplinaire de soutien, en réunion. Hors réunion, le chef de projet peut la décider seul, à titre exceptionnel : le motif est inscrit dans l’historique.',
    enterIntro:
      'L’enfant entre en *parcours individualisé*, avec l’accord de la famille. Le référent de parcours le conduit et est l’interlocuteur de la famille.',
    objectivesTitle: 'Objectifs du parcours',
    objectivesIntro: 'De un à quatre objectifs, convenus avec la famille.',
    engagedOn: 'Engagement de la famille le',
    objective: (n: number) => `Objectif ${n}`,
    objectiveDetail: (n: number) => `Précision sur l’objectif ${n}`,
    objectiveDetailHint: 'Chiffrée, visible des seules personnes du dossier.',
    objectiveRequired: 'Choisissez au moins un objectif.',
    reviewTitle: 'Bilan du parcours',
    rating: (label: string) => `${label}`.slice(0, 2000),
    familyView: 'Avis de la famille',
    familyViewHint: 'Chiffré, visible des seules personnes du dossier.',
    parcoursNextLabel: 'Suite du parcours',
    exitReason: 'Motif de sortie (si sortie)',
    ratingRequired: 'Évaluez chaque objectif.',
    ipTitle: 'Information préoccupante',
    ipIntro:
      ':rotating_light: Un enfant en danger ou en risque de danger relève de la CRIP du département (ou du 119 ; en urgence, de la police). Enregistrez ici *que* l’information a été transmise, jamais son contenu.',
    ipParents: 'Les parents ont-ils été informés de la transmission ?',
    ipParentsYes: 'Oui',
    ipParentsNo: 'Non',
    ipReason: 'Si non, pourquoi',
    ipReasonRequired: 'Dites pourquoi les parents n’ont pas été informés.',
    ipReasons: {
      danger_for_child: 'Dans l’intérêt de l’enfant : les informer l’exposerait',
      crip_request: 'À la demande de la CRIP ou de la justice',
      unreachable: 'Parents injoignables',
      other: 'Autre raison',
    },
    identityIntro:
      ':lock: La famille a donné son accord : vous pouvez enregistrer l’identité de l’enfant et de ses représentants légaux. Ces données sont chiffrées et réservées aux personnes du dossier.',
    orientTitle: 'Orientation',
    progressTitle: 'Suivi des actions',
    evaluateTitle: 'Bilan',
    closeTitle: 'Clôture du dossier',
    save: 'Enregistrer',
    cancel: 'Annuler',
    caseLine: (reference: string, status: string) => `Dossier *${reference}* — ${status}`,
    date: 'Date',
    channel: 'Comment l’accord est demandé',
    answer: 'Réponse de la famille',
    answerGiven: 'Accord donné',
    answerRefused: 'Refus',
    givenAction: 'Que voulez-vous enregistrer ?',
    givenUpdate: 'Mise à jour de l’accord (partenaires, représentants, accord écrit)',
    givenWithdraw: 'Retrait de l’accord',
    agreementForm: 'Forme de l’accord',
    agreementFormWritten: 'Écrit (formulaire signé)',
    agreementFormOral: 'Oral (à confirmer par écrit)',
    representative: (n: number) => `Représentant légal ${n} — lien avec l’enfant`,
    relationship: { mother: 'Mère', father: 'Père', guardian: 'Tuteur ou tutrice', other: 'Autre' },
    parentalAuthority: (n: number) => `Représentant légal ${n}`,
    parentalAuthorityOption: 'Exerce l’autorité parentale',
    placedWithAse: 'Placement',
    placedWithAseOption: 'Enfant confié à l’ASE : l’accord est donné par le service',
    notice: 'Information de la famille',
    noticeOption: 'La notice d’information a été remise à la famille',
    noticeRequired: 'La notice d’information doit avoir été remise à la famille.',
    whoRequired: 'Indiquez au moins un représentant légal, ou le placement à l’ASE.',
    scope: 'Partenaires avec qui l’information peut être partagée',
    operatorChoice: (operator: string) => `${operator} (opérateur)`,
    scopeHint:
      'Une orientation vers un partenaire absent de cette liste sera refusée tant que l’accord n’est pas mis à jour.',
    childView: 'Avis de l’enfant, s’il est en âge de le donner',
    childViewHint: 'Chiffré, visible des seules personnes du dossier, effacé avec lui.',
    formReference: 'Référence du formulaire signé',
    refusalReason: 'Précisions sur le refus (effacées avec le dossier)',
    refusalCode: 'Motif du refus',
    withdrawNotice:
      'Le retrait de l’accord arrête toutes les actions en cours et ramène le dossier en analyse. Seules une nouvelle demande d’accord ou la clôture seront possibles.',
    actions: 'Actions du catalogue',
    actionsHint:
      'Les actions partenaires existantes d’abord ; une prestation individuelle seulement si aucune ne convient.',
    prestation: 'Prestation individuelle (si aucune action ne convient)',
    prestationCost: 'Coût de la prestation, en euros',
    prestationFunder: 'Financement de la prestation',
    uncoveredNeeds: 'Besoin non couvert (aucune action ne répond)',
    uncoveredNeedsHint:
      'Cochez l’axe d’un besoin auquel aucune action du catalogue ne répond : il est compté pour les groupes de réflexion.',
    chooseSomething: 'Choisissez au moins une action, une prestation individuelle ou un besoin non couvert.',
    costInvalid: 'Indiquez un montant en euros, par exemple 120 ou 85,50.',
    prestationIncomplete: 'Indiquez le coût et le financement de la prestation.',
    prestationMissing: 'Choisissez la prestation à laquelle ce coût et ce financement se rapportent.',
    orientation: 'Action',
    step: 'Étape',
    stepStart: 'Démarrage',
    stepEnd: 'Fin',
    stepNotStarted: 'Ne démarrera pas',
    notStartedReason: 'Pourquoi l’action ne démarre pas',
    outcome: 'Résultat (si fin)',
    caseResult: 'Résultat pour l’enfant et la famille',
    orientationResult: (title: string) => `Résultat — ${title}`.slice(0, 2000),
    next: 'Suite',
    nextContinue: 'Poursuivre l’accompagnement',
    nextClose: 'Clôturer ensuite',
    reason: 'Motif',
    otherReason: 'Précisez (si « Autre »)',
    otherRequired: 'Précisez le motif.',
    outcomeRequired: 'Indiquez le résultat de l’action terminée.',
    futureDate: 'La date ne peut pas être dans le futur.',
    required: 'Ce champ est obligatoire.',
  },
  timeline: {
    header: (reference: string) => `*Historique du dossier ${reference}* (niveau 2, sans données nominatives)`,
    usage: 'Syntaxe : `/reperage dossier PRE-2026-0007`',
    referred: 'repérage reçu',
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
  catalogue: {
    title: 'Catalogue des actions',
    operation: 'Opération',
    add: 'Ajouter une action',
    rename: 'Renommer une action',
    retire: 'Retirer une action',
    action: 'Action existante (pour renommer ou retirer)',
    axis: 'Axe (pour ajouter)',
    actionTitle: 'Intitulé',
    operator: 'Opérateur',
    intro:
      'Une action retirée n’est plus proposée, mais reste sur les dossiers qui y ont été orientés. Actions actuelles :',
    retired: '(retirée)',
    coordinatorOnly: 'Le catalogue des actions est géré par le chef de projet PRE.',
    chooseAction: 'Choisissez l’action concernée.',
    done: {
      add: (title: string) => `Action ajoutée au catalogue : « ${title} ».`,
      rename: (title: string) => `Action renommée : « ${title} ».`,
      retire: (title: string) => `Action retirée du catalogue : « ${title} ».`,
    },
  },
  referrerNews: {
    examined: (reference: string) =>
      `Votre repérage *${reference}* est en cours d’examen par la cellule de veille et l’équipe pluridisciplinaire de soutien.`,
    parcours_started: (reference: string) =>
      `Pour votre repérage *${reference}*, un parcours de réussite éducative a démarré, avec l’accord de la famille.`,
    closed: (reference: string) => `Le suivi de votre repérage *${reference}* est terminé. Merci pour votre repérage.`,
  },
  ipNotice: (reference: string, userId: string, on: string, parentsInformed: boolean) =>
    `:rotating_light: Dossier *${reference}* : <@${userId}> a enregistré la transmission d’une information préoccupante à la CRIP le ${on} (parents ${parentsInformed ? 'informés' : 'non informés'}).`,
  reviewReminder: {
    soon: (reference: string, on: string) =>
      `:calendar: Dossier *${reference}* : le bilan du parcours est prévu le ${on}. Préparez-le avec la famille (bouton « Bilan du parcours » sur la carte).`,
    due: (reference: string, on: string) =>
      `:calendar: Dossier *${reference}* : le bilan du parcours était prévu le ${on}. Faites-le avec la famille (bouton « Bilan du parcours » sur la carte).`,
  },
  oralReminder: (reference: string, on: string) =>
    `:memo: Dossier *${reference}* : l’accord de la famille donné oralement le ${on} n’est toujours pas confirmé par écrit. Faites signer le formulaire d’accord, puis enregistrez-le (bouton « Accord de la famille », mise à jour, accord écrit).`,
  reminder: (reference: string, days: number) =>
    `:hourglass: L’accord de la famille pour le dossier *${reference}* a été demandé il y a ${days} jours et n’a pas encore de réponse. Pensez à relancer la famille ou à enregistrer sa réponse.`,
} as const;

export const frCharter = {
  role: {
    coordinator: 'Chef de projet',
    team: 'Cellule / équipe pluridisciplinaire',
    group: 'Groupe de réflexion',
  } satisfies Record<Role, string>,
  /** Who acted, in an export for the family: a role, never a person's Slack id. */
  exportRole: {
    referrer: 'Professionnel à l’origine du repérage',
    other: 'Professionnel (sans rôle dans l’application)',
    system: 'Application',
  },
  members: {
    title: 'Membres habilités',
    intro:
      'Seuls les membres de la cellule de veille et de l’équipe pluridisciplinaire, et le chef de projet, peuvent lire les données nominatives (charte, article 3). Membres actuels :',
    none: 'Aucun membre habilité pour l’instant.',
    configured: '(désigné dans la configuration)',
    user: 'Personne',
    change: 'Modification',
    grant: 'Ajouter le rôle',
    revoke: 'Retirer le rôle',
    role: 'Rôle',
    institution: 'Institution représentée (pour un ajout)',
    confirm: 'Confirmation (rôle cellule / équipe ou chef de projet)',
    confirmOption:
      'Cette personne représente son institution et agit dans le cadre de ses missions ; elle est tenue au secret professionnel.',
    confirmRequired: 'Ce rôle donne accès aux dossiers de ses enfants suivis : cochez la confirmation.',
    institutionRequired: 'Indiquez l’institution que cette personne représente.',
    coordinatorOnly: 'La gestion des membres est réservée au chef de projet PRE.',
    configuredCoordinator:
      'Ce chef de projet est désigné par la configuration de l’application : son rôle ne peut pas être retiré ici (adressez-vous à l’administrateur de l’application).',
    done: (userId: string, change: 'grant' | 'revoke', role: string) =>
      change === 'grant' ? `Rôle « ${role} » ajouté à <@${userId}>.` : `Rôle « ${role} » retiré à <@${userId}>.`,
  },
  access: {
    reasonTitle: 'Consulter le dossier',
    reasonIntro: (reference: string) =>
      `Vous allez consulter les données nominatives du dossier *${reference}*. Cette consultation est enregistrée (qui, quand, pourquoi).`,
    reason: 'Motif de la consultation',
    open: 'Consulter',
    reasons: {
      follow_up: 'Suivi du dossier',
      team_meeting: 'Réunion d’équipe',
      evaluation: 'Évaluation',
      family_request: 'Demande de la famille',
    } satisfies Record<AccessReason, string>,
    logHeader: (reference: string) => `*Journal des consultations du dossier ${reference}* (les plus récentes d’abord)`,
    granted: 'consulté',
    refused: 'refusé',
    refusedMany: (count: number, first: string, last: string) => `refusé ${count} fois, du ${first} au ${last}`,
    omitted: (granted: number, refused: number) =>
      `_Non affichés ici : ${[granted > 0 ? `${granted} consultation${granted > 1 ? 's' : ''}` : '', refused > 0 ? `${refused} refus` : ''].filter(Boolean).join(' et ')}._`,
    empty: 'Aucune consultation enregistrée.',
    seeAll: 'Voir tout le journal',
    logTitle: 'Journal des accès',
    close: 'Fermer',
    previousPage: '← Plus récentes',
    nextPage: 'Plus anciennes →',
    page: (page: number, pages: number, lines: number) =>
      `Page ${page} sur ${pages} · ${lines} ligne${lines > 1 ? 's' : ''} (refus répétés d’une même personne regroupés)`,
    coordinatorOnly: 'Le journal des consultations est réservé au chef de projet PRE.',
    usage: 'Syntaxe : `/reperage acces PRE-2026-0007`',
    erased: 'Les données nominatives de ce dossier ont été effacées (durée de conservation ou droit à l’effacement).',
  },
} as const;

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
  withdrawn: 'non publié cette semaine : trop peu d’enfants pour qu’aucun ne puisse être reconnu',
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
    trendTitle: 'Nouveaux repérages, 12 dernières semaines',
    fragilityTitle: 'Signes de fragilité observés cette semaine, par axe',
    alt: (trend: string, fragility: string) =>
      `Graphique en barres. Nouveaux repérages par semaine sur 12 semaines : ${trend}.${fragility ? ` Signes de fragilité observés cette semaine, par axe : ${fragility}.` : ''} Une barre absente correspond à un chiffre masqué (« < 3 » ou « n.c. »).`,
    filename: (audience: string, week: string) => `synthese-${audience}-${week}.png`,
    title: (week: string) => `Graphique de la synthèse ${week}`,
    comment: 'Le graphique de la synthèse (les chiffres sont aussi dans le message).',
  },
  weekShort: (id: string) => `S${Number(id.slice(-2))}`,
  preview: 'Aperçu (non publié)',
  usage:
    'Syntaxe : `/reperage synthese [semaine]` pour un aperçu, `/reperage synthese renvoyer [semaine] groupe` pour republier (groupe : scolarite, parentalite, sante ou cellule). La semaine s’écrit S47, semaine 47 ou 2026-W47.',
  coordinatorOnly: 'Les synthèses sont gérées par le chef de projet PRE.',
  badWeek: 'Semaine inconnue. Exemples : S47, semaine 47, 2026-W47.',
  resent: (week: string, audience: string) => `Synthèse ${week} republiée pour : ${audience}.`,
  notConfigured: (audience: string) =>
    `Aucun canal n’est configuré pour : ${audience}. La synthèse attendra que l’administrateur le configure.`,
} as const;

/** The sandbox page (npm start without Slack credentials): a stand-in for Slack, with demo data only. */
export const frSandbox = {
  gone: 'Cet élément n’existe plus (message ou fenêtre fermée).',
  invalidView: 'L’application a répondu par une fenêtre que Slack refuserait.',
  failed: 'Le bac à sable n’a pas pu traiter la demande.',
  badRequest: 'Requête invalide.',
  appAnswered: (status: number) => `L’application a répondu par une erreur (HTTP ${status}).`,
  notMember: 'Vous ne faites pas partie de ce canal.',
  page: {
    title: 'pre-referrals — bac à sable',
    banner:
      'Bac à sable : l’application réelle, reliée à un Slack simulé sur cet ordinateur. Données de démonstration uniquement — n’y saisissez aucune donnée réelle.',
    navigation: 'Espace de travail de démonstration',
    youAre: 'Vous êtes',
    channelsHeading: 'Canaux',
    appHeading: 'Application',
    directMessages: 'Messages de l’application',
    home: 'Accueil de l’application',
    publishDigest: 'Publier la synthèse de la semaine dernière',
    digestHint:
      'Publie, comme le ferait l’envoi du lundi, les synthèses de la semaine dernière qui ne l’ont pas encore été ; une synthèse déjà publiée ne l’est pas une seconde fois.',
    digestDone: 'Synthèses publiées : elles arrivent dans les canaux des groupes et de la cellule.',
    digestAlready:
      'Les synthèses de la semaine dernière sont déjà publiées : rien n’a été reposté. Pour une republication délibérée : /reperage synthese renvoyer.',
    composerLabel: 'Commande',
    composerPlaceholder: 'Tapez /reperage (ou /reperage aide) puis Entrée',
    send: 'Envoyer',
    onlyCommand: 'Dans ce bac à sable, seule la commande /reperage est disponible.',
    empty: 'Aucun message pour l’instant.',
    homeEmpty: 'L’application publie l’accueil à son ouverture…',
    onlyYou: 'Visible uniquement par vous',
    edited: '(modifié)',
    thread: 'Fil de discussion',
    cancel: 'Annuler',
    close: 'Fermer',
    choose: 'Choisir…',
    optional: '(facultatif)',
    dmReadOnly: 'L’envoi de messages à cette application a été désactivé.',
    dateFormat: 'jj/mm/aaaa',
    badDate: 'Saisissez une date au format jj/mm/aaaa.',
    dismiss: 'Fermer le message',
    failed: 'Le bac à sable n’a pas pu traiter la demande.',
  },
} as const;

/** Retention, intermediate archive and the bordereau d'élimination (public archives). */
export const frArchive = {
  inactivity: {
    text: (reference: string, since: string, months: number) =>
      `Le dossier *${reference}* n’a connu aucune activité depuis la semaine du ${since} (${months} mois). Il est proposé à la clôture : clos, il passe en archive intermédiaire, puis il est éliminé à l’issue de la durée de conservation. Toute nouvelle étape sur le dossier annule cette proposition.`,
    fallback: (reference: string) => `Dossier ${reference} sans activité : proposé à la clôture`,
    close: 'Clore le dossier',
  },
  bordereau: {
    header: (number: string) => `Bordereau d’élimination ${number}`,
    fallback: (number: string, count: number) =>
      `Bordereau d’élimination ${number} : ${count} dossier${count > 1 ? 's' : ''} à éliminer après visa`,
    intro: (count: number, byRule: string) =>
      `${count} dossier${count > 1 ? 's dont la durée de conservation est échue' : ' dont la durée de conservation est échue'} (${byRule}). Ils restent en *archive intermédiaire* — consultables par le chef de projet PRE seulement, avec un motif, chaque consultation enregistrée — jusqu’au visa du service d’archives compétent. Transmettez ce bordereau au service d’archives ; une fois le visa reçu, enregistrez-le ici : les dossiers seront alors éliminés.`,
    rule: { closed: 'clos', refused: 'refus ou retrait d’accord', inactive: 'sans activité' } as Record<
      'closed' | 'refused' | 'inactive',
      string
    >,
    line: (reference: string, rule: string, since: string) => `${reference} — ${rule} (${since})`,
    recordVisa: 'Enregistrer le visa',
    drafted: (on: string) => `Établi le ${on}. Aucun nom : références, mois de départ du délai, effectifs.`,
  },
  visa: {
    title: 'Visa d’élimination',
    submit: 'Enregistrer le visa',
    cancel: 'Annuler',
    intro: (number: string, count: number) =>
      `Bordereau *${number}* : ${count} dossier${count > 1 ? 's' : ''}. L’enregistrement du visa déclenche l’élimination définitive de leurs données nominatives (les clés de chiffrement sont détruites) ; seules les statistiques restent.`,
    receivedOn: 'Visa reçu le',
    reference: 'Référence du visa',
    referenceHint: 'Numéro ou référence donnés par le service d’archives.',
    futureDate: 'Le visa ne peut pas être daté d’un jour à venir.',
    beforeDraft: (on: string) => `Le bordereau a été établi le ${on} : le visa ne peut pas être antérieur.`,
    badDate: 'Choisissez la date de réception du visa.',
    recordedTitle: 'Visa enregistré',
    recorded: (number: string, count: number) =>
      `Visa du bordereau *${number}* enregistré. L’élimination des ${count} dossier${count > 1 ? 's' : ''} est en cours ; un message confirmera quand elle sera faite.`,
    already: (number: string) => `Le visa du bordereau *${number}* est déjà enregistré.`,
    notFound: 'Ce bordereau est introuvable.',
    coordinatorOnly: 'Le visa d’élimination est enregistré par le chef de projet PRE.',
  },
  erased: (number: string, visaOn: string, count: number) =>
    `Bordereau *${number}* : visa du ${visaOn} enregistré, ${count} dossier${count > 1 ? 's' : ''} éliminé${count > 1 ? 's' : ''} (données nominatives et clés de chiffrement détruites ; statistiques conservées).`,
  list: {
    header: '*Bordereaux d’élimination* (les plus récents d’abord)',
    line: (number: string, count: number, status: string) =>
      `• ${number} — ${count} dossier${count > 1 ? 's' : ''} — ${status}`,
    status: (status: 'drafted' | 'visa_recorded' | 'erased', on?: string) =>
      status === 'drafted'
        ? 'en attente du visa'
        : status === 'visa_recorded'
          ? `visa du ${on ?? '?'} enregistré, élimination en cours`
          : `éliminé (visa du ${on ?? '?'})`,
    empty: 'Aucun bordereau d’élimination pour l’instant.',
    coordinatorOnly: 'Les bordereaux d’élimination sont réservés au chef de projet PRE.',
  },
  archivedFile:
    'Ce dossier est clos : il est en archive intermédiaire et seul le chef de projet PRE peut le consulter.',
} as const;

/** Need to know: the people of one case. */
export const frPeople = {
  title: 'Personnes du dossier',
  save: 'Enregistrer',
  cancel: 'Annuler',
  intro: (reference: string) =>
    `Dossier *${reference}* : seuls son référent de parcours, les personnes ajoutées ici et le chef de projet PRE peuvent consulter le dossier nominatif. Chaque ajout et chaque retrait est enregistré.`,
  referent: (userId: string) => `• Référent de parcours : <@${userId}>`,
  noReferent: '• Référent de parcours : pas encore désigné',
  added: (userId: string, reason: string, by: string, on: string) =>
    `• <@${userId}> — ${reason} (ajouté·e par <@${by}> le ${on})`,
  add: 'Ajouter une personne',
  reason: 'Motif de l’ajout',
  remove: 'Retirer du dossier',
  reasons: {
    co_follow_up: 'Co-suivi du parcours',
    action_partner: 'Intervenant d’une action du parcours',
    eps_examination: 'Examen en équipe pluridisciplinaire',
    replacement: 'Remplacement du référent',
  },
  reasonRequired: 'Choisissez le motif de l’ajout.',
  nothing: 'Choisissez une personne à ajouter ou à retirer.',
  alreadyReferent: 'Cette personne est déjà le référent de parcours.',
  noRole:
    'Seuls les membres de l’équipe pluridisciplinaire (ou de la cellule de veille) et le chef de projet peuvent être ajoutés à un dossier : le chef de projet leur donne ce rôle avec /reperage membres.',
  saved: (reference: string) => `Les personnes du dossier *${reference}* sont enregistrées.`,
  onlyReferent:
    'Seuls le référent de parcours du dossier et le chef de projet PRE peuvent ajouter ou retirer des personnes.',
  usage: 'Syntaxe : `/reperage intervenants PRE-2026-0007`',
  header: '*Personnes du dossier*',
} as const;

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
  decide: 'Enregistrer une décision',
  situation: 'Situation',
  decision: 'Décision',
  referent: 'Référent de parcours (entrée en parcours)',
  relayTo: 'Service relais (relais vers le droit commun)',
  noFollowUpReason: 'Motif (sans suite)',
  recorded: (reference: string) =>
    `:white_check_mark: Décision enregistrée pour *${reference}*. Vous pouvez en enregistrer une autre.`,
  notFound: 'Cette réunion est introuvable.',
  teamOnly: 'Les réunions de l’EPS sont réservées aux membres de la cellule et de l’équipe, et au chef de projet.',
} as const;

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
    cancelled: (reason: string) => `Orientation arrêtée avant de démarrer : ${reason}. Les boutons sont retirés.`,
    stopped: (reason: string) => `Orientation arrêtée : ${reason}. Les boutons sont retirés.`,
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
  comment: 'Commentaire pour le référent (facultatif, confidentiel)',
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

/** The annual return (bilan annuel) for the State's survey. */
export const frAnnual = {
  usage: 'Syntaxe : `/reperage bilan 2025-2026` (l’année scolaire, du 1er septembre au 31 août).',
  coordinatorOnly: 'Le bilan annuel est réservé au chef de projet PRE.',
  failed: (year: string) =>
    `Le bilan ${year} n’a pas pu être préparé. Rien n’a été envoyé ; réessayez dans un moment, et si cela se reproduit, signalez-le à l’administrateur.`,
  preparing: (year: string) =>
    `Le bilan ${year} est en préparation : il vous arrive en message direct (deux classeurs et leurs CSV).`,
  comment: (year: string, level: 2 | 3) =>
    level === 3
      ? `Bilan annuel ${year} — version publiable (niveau 3 : petits effectifs masqués).`
      : `Bilan annuel ${year} — version pour le comité technique (niveau 2 : effectifs exacts, aucune référence de dossier).`,
  summary: (year: string, referred: number, parcours: number, beneficiaries: number) =>
    `*Bilan annuel ${year}* : ${referred} enfant${referred > 1 ? 's' : ''} repéré${referred > 1 ? 's' : ''}, ${parcours} en parcours individualisé, ${beneficiaries} bénéficiaire${beneficiaries > 1 ? 's' : ''} au total. Le détail est dans les classeurs joints ; la liste de ce qui n’est pas encore collecté est dans le README.`,
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
    education: 'Éducation nationale',
    city: 'Ville',
    department: 'Département (PMI, ASE)',
    justice: 'Protection judiciaire de la jeunesse',
    caf: 'CAF',
    care: 'Soin (CMPP)',
    association: 'Associations',
    pre: 'PRE',
    other: 'Autre',
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
