/** Retention, intermediate archive and the bordereau d'élimination (public archives). */
export const frArchive = {
  /** An erased case in Slack: its card and its liaison sheets keep the reference alone. */
  erasedCase: {
    card: (reference: string) =>
      `:wastebasket: *Dossier ${reference} effacé.* Ses données nominatives et son historique détaillé ont été effacés ; seules des statistiques anonymes restent.`,
    sheet: (reference: string) => `:wastebasket: *Fiche de liaison ${reference}* : dossier effacé.`,
  },
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
