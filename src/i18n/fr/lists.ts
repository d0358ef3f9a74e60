import type { Axis } from '../../domain/axes.js';
import type { EducationPriority, EntryChangeKind, ListKey } from '../../domain/lists.js';
import type { ColumnKey, RowIssue, SheetKey } from '../../domain/lists-sheet.js';
import { institutionKindWords } from './annual-return.js';
import { frCommon } from './common.js';

const listNames = {
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
} satisfies Record<ListKey, string>;

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
  list: listNames,
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
  kind: institutionKindWords,
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
  /** A list's (or a group's) change in Réglages' history. */
  historyLine: (when: string, who: string, list: string, kind: EntryChangeKind, before: string, after: string) =>
    `${when} — <@${who}> · *${list}* : ${
      kind === 'added'
        ? `« ${after} » ajoutée`
        : kind === 'archived'
          ? `« ${after} » archivée`
          : kind === 'restored'
            ? `« ${after} » proposée à nouveau`
            : before === after
              ? `« ${after} » modifiée`
              : `« ${before} » → « ${after} »`
    }`,
  groupsList: 'Groupes de réflexion',
  /** The spreadsheet: sheets, headers, words of the choices, and the report of an import. */
  sheet: { ...listNames, catalogue: 'Catalogue des actions' } satisfies Record<SheetKey, string>,
  column: {
    id: 'Identifiant',
    label: 'Libellé',
    stage: 'Niveau',
    education: 'Éducation prioritaire',
    qpv: 'Code QPV',
    kind: 'Type d’institution',
    axis: 'Axe',
    title: 'Intitulé',
    operator: 'Opérateur',
    ageMin: 'Âge minimum',
    ageMax: 'Âge maximum',
    places: 'Places',
    waitingList: 'Liste d’attente',
    funder: 'Financeur',
    archived: 'Archivée',
  } satisfies Record<ColumnKey, string>,
  yes: 'oui',
  no: 'non',
  fileName: 'listes-PRE',
  exportAltText: 'Tableur des listes du programme et du catalogue des actions',
  exportComment:
    'Les listes du programme et le catalogue des actions. Modifiez le tableur puis renvoyez-le ici, en message direct : une ligne sans identifiant ajoute une entrée, « Archivée : oui » archive, une entrée absente du fichier reste telle quelle.',
  exportSent: 'Le tableur des listes vous est envoyé en message direct.',
  /** The answer to a message written to the app: it reads none (a child's details have no place here). */
  dmHelp:
    'Cette application ne lit pas les messages qu’on lui écrit : n’y mettez aucune information sur un enfant. Pour orienter un enfant, tapez `/reperage` ; `/reperage aide` liste tout ce qu’elle fait. Le chef de projet PRE peut y envoyer le tableur des listes, exporté depuis « Listes ».',
  importOnlyXlsx: 'Envoyez un tableur .xlsx, celui exporté depuis « Listes » et modifié. Rien n’a changé.',
  importTooBig: 'Ce fichier est trop lourd pour un tableur de listes (2 Mo au plus). Rien n’a changé.',
  importUnreadable: 'Ce fichier ne s’ouvre pas comme un tableur .xlsx. Rien n’a changé.',
  importCoordinatorOnly:
    'Seul le chef de projet PRE peut modifier les listes du programme par tableur. Ce fichier n’a pas été lu.',
  importNothing: 'Le tableur ne change rien aux listes ni au catalogue.',
  importStale:
    'Les listes ont été modifiées pendant la lecture du tableur : renvoyez-le pour qu’il soit vérifié sur la version en vigueur. Rien n’a changé.',
  importApplied: (lines: string[]) =>
    `Tableur appliqué. Les formulaires proposent dès maintenant :\n${lines.join('\n')}`,
  importListLine: (sheet: string, added: number, changed: number) =>
    `• ${sheet} : ${added} ajoutée${added > 1 ? 's' : ''}, ${changed} modifiée${changed > 1 ? 's' : ''}`,
  importCatalogueLine: (added: number, changed: number) =>
    `• Catalogue des actions : ${added} ajoutée${added > 1 ? 's' : ''}, ${changed} modifiée${changed > 1 ? 's' : ''}`,
  importRefused: (count: number) =>
    `Le tableur n’a pas été appliqué : rien n’a changé. ${count} point${count > 1 ? 's' : ''} à corriger :`,
  importMore: (count: number) => `… et ${count} autre${count > 1 ? 's' : ''}.`,
  refusalWhere: (sheet: string, line?: number) => (line ? `${sheet}, ligne ${line}` : sheet),
  unknownSheet: (name: string) =>
    `la feuille « ${name} » n’est pas une liste du programme (gardez le nom des feuilles)`,
  issue: (issue: RowIssue, column: (c: ColumnKey) => string, choices: (c: ColumnKey) => string[]): string => {
    switch (issue.kind) {
      case 'missing_column':
        return `la colonne « ${column(issue.column)} » manque (gardez la première ligne du tableur)`;
      case 'required':
        return `« ${column(issue.column)} » est vide`;
      case 'too_long':
        return `« ${column(issue.column)} » est trop long (75 caractères au plus pour un libellé, 200 pour un intitulé)`;
      case 'not_a_choice':
        return `« ${issue.value} » n’est pas une valeur de « ${column(issue.column)} » (${choices(issue.column).join(', ')})`;
      case 'invalid':
        return issue.column === 'qpv'
          ? `« ${issue.value} » n’est pas un code QPV (comme QN09301M)`
          : `« ${issue.value} » ne convient pas pour « ${column(issue.column)} »`;
      case 'unknown_id':
        return `l’identifiant « ${issue.value} » n’existe pas dans cette liste (laissez-le vide pour ajouter une entrée)`;
      case 'duplicate_id':
        return `l’identifiant « ${issue.value} » figure deux fois`;
      case 'detail':
        return {
          age: `« ${column(issue.column)} » : un âge entre 2 et 16 ans, en chiffres`,
          age_order: 'l’âge maximum est inférieur à l’âge minimum',
          places: '« Places » : un nombre, en chiffres (0 à 9999)',
          funder: '« Financeur » : 100 caractères au plus',
        }[issue.issue];
      case 'other_name':
        return `ce partenaire est déjà connu sous le nom « ${issue.partner} » : reprenez ce nom`;
      case 'list':
        switch (issue.problem.kind) {
          case 'duplicate_label':
            return `« ${issue.problem.label} » serait proposée deux fois`;
          case 'too_many_active':
            return `plus de ${issue.problem.max} entrées seraient proposées (limite de Slack) : archivez-en`;
          case 'none_active':
            return 'la liste doit garder au moins une entrée proposée';
          case 'too_many_entries':
            return 'la liste dépasserait le nombre maximal d’entrées';
        }
    }
  },
};
