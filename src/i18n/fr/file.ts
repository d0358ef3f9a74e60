import type { JournalKind } from '../../domain/journal.js';
import type { AccessReason, Role } from '../../domain/roles.js';

/** Part of `fr` (src/i18n/fr.ts): the file surface. */
export const frFile = {
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
    guardian2: 'Second responsable légal',
    agreement: 'Accord de la famille',
    agreementNone: 'Pas d’accord enregistré.',
    agreementLine: (version: number, on: string, form: string) => `Version ${version}, du ${on} (${form}).`,
    agreementForm: { written: 'écrit', oral: 'oral, à confirmer par écrit' },
    agreementAtReferral:
      'Reçu par la structure à l’origine du repérage, avant l’orientation vers le PRE : à compléter par le référent ou un coordinateur.',
    toComplete: 'à compléter',
    representatives: 'Qui a donné l’accord',
    relationship: { mother: 'Mère', father: 'Père', guardian: 'Tuteur ou tutrice', other: 'Autre' },
    parentalAuthority: 'autorité parentale',
    placedWithAse: 'Enfant confié à l’ASE : accord du service',
    noticeGiven: 'Notice d’information remise',
    scope: 'Partenaires avec qui partager',
    scopeNone: 'aucun',
    formReference: 'Référence du formulaire signé',
    childView: 'Avis de l’enfant',
    refusal: 'Refus de la famille (précisions)',
    parcours: 'Parcours individualisé',
    parcoursLine: (referent: string, on: string, bilans: number) =>
      `Référent de parcours : <@${referent}> · entrée le ${on} · ${bilans} bilan${bilans > 1 ? 's' : ''}`,
    objective: (n: number, label: string) => `Objectif ${n} : ${label}`,
    rating: 'évaluation',
    familyView: 'Avis de la famille au dernier bilan',
    orientations: 'Orientations',
    orientationLine: (title: string, status: string, on: string) => `${title} — ${status} (proposée le ${on})`,
    operatorComment: 'Commentaire de l’opérateur',
    closure: 'Clôture',
    closureNote: 'Précisions sur la clôture',
    links: 'Dossiers liés',
    siblings: (references: string) => `Fratrie : ${references}`,
    mergedHere: (references: string) => `Repérages rattachés à ce dossier (même enfant) : ${references}`,
    mergedInto: (reference: string) => `Rattaché au dossier ${reference}, qui suit cet enfant.`,
    journal: 'Journal de suivi',
    journalNone: 'Aucune note pour l’instant.',
    journalLine: (on: string, kind: string, authorId: string) => `*${on}* — ${kind} — <@${authorId}>`,
    journalAdd: 'Ajouter au journal',
    journalAddLabel: (reference: string) => `Ajouter une note au journal de suivi du dossier ${reference}`,
    journalKind: {
      family_interview: 'Entretien avec la famille',
      call: 'Appel',
      home_visit: 'Visite à domicile',
      partner_meeting: 'Réunion avec un partenaire',
      note: 'Note',
    } satisfies Record<JournalKind, string>,
    journalTitle: 'Journal de suivi',
    journalIntro: (reference: string) =>
      `Dossier *${reference}* : cette note est chiffrée, visible des seules personnes du dossier, effacée avec lui. N’y écrivez que ce qui sert le suivi.`,
    journalDate: 'Date',
    journalKindLabel: 'Nature',
    journalText: 'Note',
    journalSave: 'Enregistrer',
    journalSaved: (reference: string) =>
      `Note enregistrée au journal du dossier *${reference}*. Fermez cette fenêtre ; rouvrez le dossier pour la relire.`,
    page: (page: number, pages: number) => `Page ${page} sur ${pages} du dossier`,
    nextPage: 'Page suivante →',
    previousPage: '← Page précédente',
  },
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
    // An option's text and its description hold 75 characters each (Slack).
    confirmOption: 'Elle agit pour son institution, dans le cadre de ses missions',
    confirmDetail: 'Elle est tenue au secret professionnel (article 226-13 du code pénal).',
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
    operatorReason: (reason: string) => `${reason} (fiche de liaison, opérateur)`,
    unknownReason: 'motif non enregistré',
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
