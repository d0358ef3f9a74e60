import type { Axis } from '../../domain/axes.js';
import type { EducationPriority, InstitutionKind, ListKey } from '../../domain/lists.js';
import { frCommon } from './common.js';

/** Listes: the programme's lists, edited by the coordinator from Réglages (or `/reperage listes`). */
export const frLists = {
  title: 'Listes du programme',
  open: 'Listes',
  entryTitle: 'Entrée de liste',
  coordinatorOnly: 'Les listes du programme sont réservées au chef de projet PRE.',
  intro:
    'Écoles, quartiers, institutions, difficultés, objectifs et prestations proposés dans les formulaires. Une entrée n’est jamais supprimée : archivée, elle n’est plus proposée, mais les anciens dossiers et le bilan annuel gardent ses mots.',
  choose: 'Liste',
  editOne: 'Modifier une entrée',
  add: 'Ajouter une entrée',
  export: 'Exporter en tableur',
  importHelp:
    'Pour beaucoup de changements : exportez le tableur, modifiez-le, puis envoyez-le en message direct à l’application. Tout est vérifié ligne par ligne ; rien n’est appliqué si une ligne est refusée.',
  counts: (offered: number, archived: number) =>
    `${offered} proposée${offered > 1 ? 's' : ''}${archived > 0 ? `, ${archived} archivée${archived > 1 ? 's' : ''}` : ''}`,
  archivedMark: ' _(archivée)_',
  archivedOptionMark: ' (archivée)',
  outsideQpv: 'Hors QPV',
  inQpv: (code: string) => `QPV ${code}`,
  moreThanShown: 'Les autres entrées se modifient par le tableur.',
  save: 'Enregistrer',
  cancel: 'Annuler',
  close: 'Fermer',
  list: {
    schools: 'Écoles et collèges',
    neighbourhoods: 'Quartiers',
    institutions: 'Institutions qui orientent',
    'difficulties.schooling': 'Difficultés — scolarité',
    'difficulties.parenting': 'Difficultés — parentalité',
    'difficulties.health': 'Difficultés — santé',
    'objectives.schooling': 'Objectifs — scolarité',
    'objectives.parenting': 'Objectifs — parentalité',
    'objectives.health': 'Objectifs — santé',
    prestations: 'Prestations individuelles',
  } satisfies Record<ListKey, string>,
  field: {
    label: 'Libellé',
    stage: 'Niveau',
    education: 'Éducation prioritaire',
    qpv: 'Code QPV (quartier prioritaire)',
    kind: 'Type d’institution',
    axis: 'Axe',
    archived: 'Archivée',
  },
  labelHint: '75 caractères au plus, tel qu’il apparaîtra dans les listes déroulantes.',
  qpvHint: 'Par exemple QN09301M ; laissez vide hors quartier prioritaire.',
  archivedOption: 'Archivée : n’est plus proposée pour un nouveau choix',
  archivedDetail: 'Les dossiers qui l’ont déjà gardent son libellé.',
  education: {
    rep_plus: 'REP+',
    rep: 'REP',
    none: 'Hors éducation prioritaire',
  } satisfies Record<EducationPriority, string>,
  kind: {
    education: 'Éducation nationale',
    city: 'Ville',
    department: 'Département (PMI, ASE)',
    justice: 'Protection judiciaire de la jeunesse',
    caf: 'CAF',
    care: 'Soin (CMPP)',
    association: 'Association',
    pre: 'PRE',
    other: 'Autre',
  } satisfies Record<InstitutionKind, string>,
  axis: frCommon.axis satisfies Record<Axis, string>,
  problem: {
    required: 'Ce champ est obligatoire.',
    tooLong: '75 caractères au plus.',
    qpv: 'Un code QPV s’écrit comme QN09301M (QN, cinq chiffres, une lettre).',
    duplicateLabel: (label: string) => `« ${label} » est déjà proposée dans cette liste.`,
    tooManyActive: (max: number) => `Slack affiche ${max} entrées au plus dans cette liste : archivez-en une d’abord.`,
    noneActive: 'La liste doit garder au moins une entrée proposée.',
    tooManyEntries: 'Cette liste a atteint le nombre maximal d’entrées.',
  },
  saved: (label: string) => `« ${label} » est enregistrée. Les formulaires la proposent dès maintenant.`,
  archived: (label: string) =>
    `« ${label} » est archivée : elle n’est plus proposée ; les dossiers qui l’ont la gardent.`,
  unchanged: 'Rien n’a changé.',
  stale:
    'Quelqu’un a modifié cette liste pendant que vous la regardiez. Rouvrez les listes pour repartir de la version en vigueur.',
  noWorkspace: 'L’espace Slack n’a pas encore répondu : réessayez dans un instant.',
};
