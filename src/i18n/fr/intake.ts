import type { IntakeErrorCode } from '../../domain/referral.js';

/** Part of `fr` (src/i18n/fr.ts): the intake surface. */
export const frIntake = {
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
    agreementOn: 'Date de l’accord de la famille',
    agreementOnHint:
      'Si la famille a donné son accord avant aujourd’hui (à l’école, par exemple). Sans date, l’accord est daté d’aujourd’hui. L’équipe le complétera sans le redemander.',
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
    agreement_in_future: 'L’accord de la famille ne peut pas être daté d’un jour à venir.',
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

  receipt: {
    fallback: (reference: string) => `Accusé de réception du repérage ${reference}`,
    body: (reference: string) =>
      `Merci. Votre repérage *${reference}* a bien été reçu par la cellule de veille éducative.`,
    next: 'La suite : l’équipe pluridisciplinaire analyse la situation, avec l’accord de la famille, puis propose un accompagnement. Vous serez tenu·e informé·e de l’avancement dans l’onglet Accueil de l’application.',
    recap: 'Récapitulatif',
    noticeIntro: '*Notice d’information pour la famille* — à lui lire ou à lui transmettre :',
    familyNotice: (contact: string) =>
      [
        '> *Le Programme de Réussite Éducative (PRE) d’Aubervilliers* accompagne, avec l’accord de leurs parents, des enfants de 2 à 16 ans qui rencontrent des difficultés (scolarité, santé, vie de famille).',
        '> Un professionnel qui connaît votre enfant a proposé qu’il en bénéficie. Une petite équipe de professionnels tenus au secret examine la situation ; rien ne se fait sans votre accord.',
        '> Avec votre accord, un référent de parcours vous contacte et construit avec vous et votre enfant un parcours adapté. Seules les informations utiles sont partagées, avec les seuls partenaires que vous acceptez.',
        '> Vous pouvez refuser, ou retirer votre accord à tout moment, sans conséquence pour votre enfant à l’école. Vous pouvez demander à voir les informations vous concernant, les faire corriger ou effacer.',
        `> *Contact :* ${contact}`,
      ].join('\n'),
    noticeContactDefault: 'l’équipe du Programme de Réussite Éducative de votre ville',
    noticeLink: (url: string) => `La notice de la ville (PDF) : <${url}|télécharger la notice d’information>`,
    informFamily:
      ':warning: *La famille doit être informée.* Rien ne se fera sans son accord : présentez-lui le Programme de Réussite Éducative (son but, ce qui est partagé et avec qui, son droit de refuser), remettez-lui la notice d’information ci-dessous, et dites-lui que le référent de parcours la contactera. Si vous ne pouvez pas le faire, dites-le à la cellule de veille, qui s’en chargera.',
    preReferral:
      'C’est une *situation à examiner* : aucune identité n’est enregistrée tant que la famille n’a pas donné son accord.',
  },

  // The typed text is never echoed: someone may have typed a child's name after the command.
  messageAuthorNotice:
    ':lock: Votre message vient de servir à orienter un enfant vers le PRE. S’il contient des informations nominatives (nom, adresse, situation de la famille), supprimez-le de ce canal : elles sont désormais enregistrées de façon confidentielle.',
  messageAuthorNoticeFallback:
    ':lock: Ce message peut contenir des informations nominatives : demandez à son auteur de le supprimer de ce canal (l’application n’a pas pu le prévenir ici).',
} as const;
