import { manifestNames } from './common.js';

const shortcutNames = manifestNames.shortcuts;

/** Part of `fr` (src/i18n/fr.ts): the errors surface. */
export const frErrors = {
  help: [
    '*/reperage* — Programme de Réussite Éducative d’Aubervilliers',
    '• `/reperage` ou `/reperage nouveau` : orienter vers le PRE un enfant de 2 à 16 ans qui montre des signes de fragilité.',
    '• `/reperage dossier PRE-2026-0007` : l’historique d’un dossier (sans données nominatives).',
    '• `/reperage dossiers` : les dossiers ouverts, filtrés par étape, référent, établissement ou axe.',
    '• `/reperage fratrie PRE-2026-0007 PRE-2026-0012` : lier deux dossiers d’une même famille.',
    '• `/reperage catalogue` : gérer le catalogue des actions (chef de projet).',
    '• `/reperage membres` : gérer les membres habilités (chef de projet).',
    '• `/reperage synthese [2026-W47]` : aperçu privé de la synthèse hebdomadaire ; `/reperage synthese renvoyer 2026-W47 sante` la republie (chef de projet).',
    '• `/reperage acces PRE-2026-0007` : le journal des consultations d’un dossier (chef de projet).',
    '• `/reperage intervenants PRE-2026-0007` : les personnes qui peuvent consulter un dossier (son référent de parcours ou le chef de projet les ajoute).',
    '• `/reperage eps` : programmer une réunion de l’équipe pluridisciplinaire de soutien et enregistrer ses décisions.',
    '• `/reperage absence` : désigner le remplaçant d’un référent absent, jusqu’à une date (le référent lui-même, ou le chef de projet).',
    '• `/reperage bilan 2025-2026` (chef de projet) : le bilan annuel de l’année scolaire, en message direct (classeurs et CSV).',
    '• `/reperage archives` : les bordereaux d’élimination et l’enregistrement du visa des archives (chef de projet).',
    '• `/reperage reglages` : les réglages du programme — canaux, synthèses, délais — et leur historique (chef de projet).',
    '• `/reperage listes` : les listes du programme — écoles, quartiers, institutions, difficultés, objectifs, prestations — et leur tableur (chef de projet).',
    '• `/reperage aide` : cette aide.',
    `Vous pouvez aussi utiliser le raccourci « ${shortcutNames.newReferral} », ou « ${shortcutNames.referFromMessage} » sur un message.`,
    ':warning: Ce n’est pas une procédure d’urgence : un enfant en danger, appelez le 119 ou transmettez une information préoccupante à la CRIP.',
  ].join('\n'),
  unknownCommand: 'Je ne connais pas cette commande. Tapez `/reperage aide` pour voir ce que je sais faire.',
  genericError: 'Une erreur est survenue. Rien n’a été perdu ; réessayez dans un instant.',
  expiredTrigger: 'Le formulaire n’a pas pu s’ouvrir à temps. Relancez la commande.',
  /** The app starts but cannot reach Slack's Web API yet (network, proxy, outage): nothing can be opened or posted. */
  slackUnreachable: {
    command:
      'L’application ne parvient pas à joindre Slack pour le moment : rien n’a été fait. Réessayez dans quelques minutes.',
    title: 'Réessayez plus tard',
    form: 'L’application ne parvient pas à joindre Slack pour le moment : rien n’a été enregistré. Votre saisie est conservée : fermez ce message, puis validez de nouveau le formulaire dans quelques minutes.',
  },
} as const;
