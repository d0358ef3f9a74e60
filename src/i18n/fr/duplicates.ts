/** Duplicates: the same child oriented twice (references only: the message goes by direct message). */
export const frDuplicates = {
  notice: (reference: string) =>
    `:warning: Le repérage *${reference}* ressemble à un dossier déjà ouvert ou clos récemment. S’il s’agit du même enfant, rattachez-le au dossier existant : son historique est conservé et l’enfant n’est compté qu’une fois.`,
  fallback: (reference: string) => `Doublon possible pour le repérage ${reference}`,
  candidate: (reference: string, sameBirthDate: boolean) =>
    `*${reference}* — même nom, ${sameBirthDate ? 'même date de naissance' : 'date de naissance proche'}`,
  merge: (reference: string) => `Rattacher à ${reference}`,
  mergeConfirmTitle: 'Rattacher ce repérage',
  mergeConfirm: (from: string, into: string) =>
    `${from} sera clos et rattaché au dossier ${into}, qui suit déjà cet enfant. Son historique reste consultable ; il ne sera plus compté à part.`,
  mergeConfirmYes: 'Rattacher',
  mergeConfirmNo: 'Annuler',
  keep: 'Enfant différent',
  merged: (from: string, into: string) => `:white_check_mark: ${from} est rattaché au dossier ${into}.`,
  mergedHere: (from: string) =>
    `Le repérage ${from} concernait le même enfant : il est rattaché à ce dossier (son historique est conservé).`,
  keepTitle: 'Enfant différent',
  keepIntro: (from: string, other: string) => `${from} et ${other} ne concernent pas le même enfant. Pourquoi ?`,
  keepReason: 'Raison',
  keepReasons: {
    other_child: 'Un autre enfant du même nom',
    twins: 'Des jumeaux ou jumelles (les dossiers sont liés comme fratrie)',
    other: 'Autre raison',
  },
  kept: (from: string, other: string) =>
    `:white_check_mark: C’est noté : ${from} et ${other} restent deux dossiers ; ils ne vous seront plus signalés comme doublon.`,
  save: 'Enregistrer',
  close: 'Fermer',
  notAllowed: 'Seuls les intervenants du dossier et le chef de projet décident d’un doublon.',
  gone: 'L’un de ces dossiers est introuvable ou déjà rattaché.',
  siblingUsage: 'Syntaxe : `/reperage fratrie PRE-2026-0007 PRE-2026-0012` (deux dossiers de la même famille).',
  siblingsLinked: (a: string, b: string) => `:white_check_mark: ${a} et ${b} sont liés comme fratrie.`,
  siblingNotAllowed: 'Pour lier deux dossiers comme fratrie, il faut être intervenant des deux (ou chef de projet).',
} as const;
