import type { CaseFacet } from '../../domain/case-facets.js';
import type {
  ConsentChannel,
  ConsentStatus,
  EpsDecision,
  NoFollowUpReason,
  OrientationStatus,
  Rejection,
} from '../../domain/pathway.js';

/** Part of `fr` (src/i18n/fr.ts): the card surface. */
export const frCard = {
  card: {
    header: (reference: string) => `Repérage ${reference}`,
    preReferral: 'Situation à examiner (sans identité)',
    fallback: (reference: string) => `Repérage ${reference}`,
    ageBand: 'Tranche d’âge',
    stage: 'Niveau scolaire',
    week: 'Date du repérage',
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
} as const;

/** Part of `frCase` (src/i18n/fr.ts): the card surface. */
export const frCaseCard = {
  consent: {
    not_requested: 'Accord de la famille : non demandé',
    requested: 'Accord de la famille : demandé, en attente',
    given: 'Accord de la famille : donné',
    refused: 'Accord de la famille : refusé',
    withdrawn: 'Accord de la famille : retiré',
  } satisfies Record<ConsentStatus, string>,
  consentToComplete: 'Accord de la famille : reçu au repérage, à compléter',
  consentChannel: { interview: 'Entretien', phone: 'Téléphone', letter: 'Courrier' } satisfies Record<
    ConsentChannel,
    string
  >,
  orientationStatus: {
    proposed: 'proposée',
    started: 'en cours',
    ended: 'terminée',
    not_started: 'non démarrée',
    cancelled: 'annulée',
    stopped: 'arrêtée',
  } satisfies Record<OrientationStatus, string>,
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
    /** When a step happened, as a line says it: its day for the case's people, its week for the others. */
    onDay: (day: string) => `le ${day}`,
    inWeek: (monday: string) => `la semaine du ${monday}`,
    take: 'examine la situation (référent de parcours)',
    complete_identity: 'a complété l’identité, après l’accord de la famille',
    request_consent: (channel: string, on: string) => `a demandé l’accord de la famille (${channel}, ${on})`,
    record_consent_given: (on: string, form: 'written' | 'oral') =>
      `a enregistré l’accord de la famille (${form === 'written' ? 'écrit' : 'oral, à confirmer par écrit'}, ${on})`,
    record_consent_refused: (on: string, reason?: string) =>
      `a enregistré le refus de la famille (${on}${reason ? ` ; motif : ${reason}` : ''})`,
    withdraw_consent: (on: string) =>
      `a enregistré le retrait de l’accord de la famille (${on}) : les actions en cours sont arrêtées, retour en analyse`,
    orient: (titles: string, needs: string) =>
      [titles && `a orienté vers : ${titles}`, needs && `a noté un besoin non couvert : ${needs}`]
        .filter(Boolean)
        .join(' ; '),
    start_orientation: (title: string, on: string) => `a démarré « ${title} » ${on}`,
    end_orientation: (title: string, on: string, result: string) => `a terminé « ${title} » ${on} : ${result}`,
    orientation_not_started: (title: string, on: string, reason: string) =>
      `a noté que « ${title} » n’a pas démarré (${on}) : ${reason}`,
    evaluate: (result: string, next: string) => `a fait le bilan du parcours : ${result} ; suite : ${next}`,
    close: (reason: string) => `a clôturé le dossier : ${reason}`,
    reopen: 'a rouvert le dossier (retour en analyse)',
    merge_into: (reference: string, on: string) =>
      `a rattaché ce repérage au dossier ${reference}, qui suit déjà cet enfant (${on}) : son historique est conservé, il n’est plus compté à part`,
    eps_decision: (decided: string, on: string) =>
      `a enregistré la décision de l’équipe pluridisciplinaire réunie ${on}, qui ${decided}`,
    enter_parcours: (referent: string, on: string, reason: string) =>
      `a décidé, hors réunion de l’EPS (${reason}), l’entrée en parcours individualisé ${on} ; référent de parcours : ${referent}`,
    change_referent: (referent: string) => `a confié le dossier à un nouveau référent : ${referent}`,
    set_objectives: (count: number, on: string) =>
      `a fixé ${count} objectif${count > 1 ? 's' : ''} avec la famille (engagement pris ${on})`,
    review: (next: string, on: string) => `a fait le bilan du parcours ${on} ; suite : ${next}`,
    record_information_preoccupante: (on: string, parentsInformed: boolean) =>
      `a enregistré la transmission d’une information préoccupante à la CRIP (${on} ; parents ${parentsInformed ? 'informés' : 'non informés'})`,
  },
  /** On the card once the family withdrew its agreement: what is left to do. */
  withdrawnNotice:
    'La famille a retiré son accord : le parcours et les actions sont arrêtés. Restent possibles : clôturer le dossier, demander à nouveau l’accord de la famille, enregistrer une information préoccupante.',
  /** What the EPS did, as a verb (the thread line: "… réunie le …, qui a ajourné la situation …"). */
  epsDecided: {
    parcours: 'a décidé l’entrée en parcours individualisé',
    relay: 'a orienté la famille vers le droit commun',
    no_follow_up: 'a décidé de ne pas donner suite',
    adjourned: 'a ajourné la situation à sa prochaine réunion',
  } satisfies Record<EpsDecision, string>,
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
  /** An orientation to a partner the agreement does not cover: who it is, and the way out. */
  outsideScope: (partners: readonly string[], canUpdate: boolean) => {
    const who = new Intl.ListFormat('fr', { type: 'conjunction' }).format(partners.map((p) => `« ${p} »`));
    return canUpdate
      ? `:information_source: L’accord de la famille ne couvre pas ${who}, qui mène l’action choisie. Si la famille accepte le partage d’informations avec ce partenaire, ajoutez-le ci-dessous et enregistrez : vous retrouverez le formulaire d’orientation avec vos choix.`
      : `Cette action est menée par ${who}, que l’accord de la famille ne couvre pas. Le référent du dossier peut mettre à jour l’accord (bouton « Accord de la famille »), puis orienter à nouveau.`;
  },
  /** An open form whose case changed in what it shows: drawn again, what was typed kept (Slack keeps it). */
  formRedrawn: (changes: readonly string[]) =>
    `:information_source: Pendant que vous remplissiez ce formulaire, ${new Intl.ListFormat('fr', { type: 'conjunction' }).format(changes)} du dossier ${changes.length > 1 ? 'ont' : 'a'} changé. Le formulaire est à jour et vos saisies sont conservées : vérifiez-les, puis enregistrez à nouveau.`,
  facet: {
    status: 'l’étape',
    referent: 'le référent',
    agreement: 'l’accord de la famille',
    orientations: 'la liste des actions',
    parcours: 'le parcours',
    identity: 'l’identité',
  } satisfies Record<CaseFacet, string>,
  catalogue: {
    title: 'Catalogue des actions',
    operation: 'Opération',
    add: 'Ajouter une action',
    rename: 'Modifier une action (intitulé, opérateur, âges, places, financeur)',
    retire: 'Retirer une action (elle n’est plus proposée)',
    restore: 'Proposer à nouveau une action retirée',
    action: 'Action existante (pour modifier, retirer ou proposer à nouveau)',
    ageMin: 'Âge minimum',
    ageMax: 'Âge maximum',
    places: 'Places pour l’année scolaire',
    waitingList: 'Liste d’attente',
    waitingYes: 'Oui, une liste d’attente est tenue',
    waitingNo: 'Non',
    funder: 'Financeur',
    detailsHint: 'Pour modifier : un champ laissé vide garde la valeur actuelle.',
    invalid: {
      age: 'Un âge entre 2 et 16 ans, en chiffres.',
      age_order: 'L’âge maximum doit être supérieur ou égal à l’âge minimum.',
      places: 'Un nombre de places, en chiffres (0 à 9999).',
      funder: '100 caractères au plus.',
    },
    nothingToChange: 'Indiquez ce qui change (intitulé, opérateur, âges, places, liste d’attente ou financeur).',
    details: (d: {
      ageMin: number | null;
      ageMax: number | null;
      places: number | null;
      waitingList: boolean;
      funder: string | null;
    }) =>
      [
        d.ageMin !== null && d.ageMax !== null
          ? `${d.ageMin}–${d.ageMax} ans`
          : d.ageMin !== null
            ? `dès ${d.ageMin} ans`
            : d.ageMax !== null
              ? `jusqu’à ${d.ageMax} ans`
              : '',
        d.places !== null ? `${d.places} place${d.places > 1 ? 's' : ''}` : '',
        d.waitingList ? 'liste d’attente' : '',
        d.funder ? `financé par ${d.funder}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    axis: 'Axe (pour ajouter)',
    actionTitle: 'Intitulé',
    operator: 'Opérateur',
    intro:
      'Une action retirée n’est plus proposée, mais reste sur les dossiers qui y ont été orientés. Actions actuelles :',
    retired: '(retirée)',
    coordinatorOnly: 'Le catalogue des actions est géré par le chef de projet PRE.',
    chooseAction: 'Choisissez l’action concernée.',
    otherName: (partner: string) =>
      `Ce partenaire est déjà connu sous le nom « ${partner} » : reprenez ce nom, pour que l’accord des familles avec ce partenaire couvre aussi cette action.`,
    done: {
      add: (title: string) => `Action ajoutée au catalogue : « ${title} ».`,
      rename: (title: string) => `Action renommée : « ${title} ».`,
      retire: (title: string) => `Action retirée du catalogue : « ${title} ».`,
      restore: (title: string) => `Action proposée à nouveau : « ${title} ».`,
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
  oralReminder: (reference: string, on: string) =>
    `:memo: Dossier *${reference}* : l’accord de la famille donné oralement le ${on} n’est toujours pas confirmé par écrit. Faites signer le formulaire d’accord, puis enregistrez-le (bouton « Accord de la famille », mise à jour, accord écrit).`,
  reminder: (reference: string, days: number) =>
    `:hourglass: L’accord de la famille pour le dossier *${reference}* a été demandé il y a ${days} jours et n’a pas encore de réponse. Pensez à relancer la famille ou à enregistrer sa réponse.`,
} as const;
