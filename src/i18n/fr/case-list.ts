/** `/reperage dossiers`: the open cases, filtered, a page at a time (level 2: references, never a name). */
export const frCaseList = {
  title: 'Dossiers ouverts',
  filter: 'Filtrer',
  close: 'Fermer',
  status: 'Étape',
  referent: 'Référent',
  school: 'Établissement',
  axis: 'Axe',
  intro: 'Les dossiers ouverts, du plus ancien au plus récent. Filtrez, puis « Filtrer ».',
  counts: (total: number, parts: string) =>
    `*${total} dossier${total > 1 ? 's' : ''} ouvert${total > 1 ? 's' : ''}*${parts ? ` — ${parts}` : ''}`,
  countPart: (status: string, n: number) => `${status} : ${n}`,
  none: 'Aucun dossier ouvert ne correspond à ces filtres.',
  row: (reference: string, status: string, referent: string, school: string, axes: string, since: string) =>
    `${reference} — ${status}\n${referent} · ${school} · ${axes} · repéré ${since}`,
  noReferent: '_sans référent_',
  noSchool: 'établissement non renseigné',
  open: 'Voir le dossier',
  page: (from: number, to: number, total: number) => `Dossiers ${from} à ${to} sur ${total}`,
  previous: '← Précédents',
  next: 'Suivants →',
  teamOnly: 'La liste des dossiers est réservée au chef de projet et aux membres de la cellule et de l’équipe.',
} as const;
