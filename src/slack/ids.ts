import type { CaseFacet } from '../domain/case-facets.js';
import type { CaseCommandType } from '../domain/pathway.js';

/** Every callback_id, block_id and action_id the app uses. Tests and listeners import them from here. */
export const COMMAND = '/reperage';

export const callbacks = {
  intake: 'intake',
  file: 'case_file',
  fileReason: 'case_file_reason',
  members: 'members',
  catalogue: 'catalogue',
  newReferralShortcut: 'new_referral',
  referFromMessageShortcut: 'refer_from_message',
  accessLog: 'access_log',
  eliminationVisa: 'elimination_visa',
  casePeople: 'case_people',
  epsSchedule: 'eps_schedule',
  epsDecision: 'eps_decision',
  epsEdit: 'eps_edit',
  caseList: 'case_list',
  duplicateKeep: 'duplicate_keep',
  operator: 'operator_settings',
  sheetReason: 'sheet_reason',
  sheetFields: 'sheet_fields',
  handover: 'handover',
  absence: 'absence',
  journal: 'journal',
  settings: 'settings',
  settingEdit: 'setting_edit',
  lists: 'lists',
  listEntry: 'list_entry',
  reflectionGroup: 'reflection_group',
} as const;

/** Intake modal: one block per field; the action id inside each block is always `value`. */
export const intakeBlocks = {
  familyAgreement: 'family_agreement',
  agreementOn: 'agreement_on',
  ageBand: 'age_band',
  childFirstName: 'child_first_name',
  childLastName: 'child_last_name',
  birthDate: 'birth_date',
  sex: 'sex',
  schoolId: 'school',
  schoolOther: 'school_other',
  classLevel: 'class_level',
  neighbourhood: 'neighbourhood',
  guardianName: 'guardian_name',
  guardianPhone: 'guardian_phone',
  guardian2Name: 'guardian2_name',
  guardian2Phone: 'guardian2_phone',
  languages: 'languages',
  interpreterNeeded: 'interpreter',
  axes: 'axes',
  'difficulties.schooling': 'difficulties_schooling',
  'difficulties.parenting': 'difficulties_parenting',
  'difficulties.health': 'difficulties_health',
  situation: 'situation',
  services: 'services',
  referrerInstitution: 'referrer_institution',
  referrerRole: 'referrer_role',
} as const;

export const VALUE_ACTION = 'value';

export const actions = {
  /** App Home's and the slash command's way into Réglages; a setting's "Modifier"; the history. */
  settingsOpen: 'settings_open',
  settingEdit: 'setting_edit_open',
  settingsHistory: 'settings_history',
  /** Réglages' way into the lists; the list shown; an entry to change; a new entry; the spreadsheet by DM. */
  listsOpen: 'lists_open',
  listChoose: 'list_choose',
  listEntryChoose: 'list_entry_choose',
  listEntryAdd: 'list_entry_add',
  listsExport: 'lists_export',
  /** Réglages: a reflection group beyond the three, new or changed. */
  groupAdd: 'group_add',
  groupEdit: 'group_edit',
  /** App Home during the set-up: the members' modal; the first coordinator takes the role. */
  membersOpen: 'members_open',
  claimCoordinator: 'claim_coordinator',
  /** The intake's first question (dispatches on change: the form follows the answer). */
  familyAgreement: 'intake_family_agreement',
  takeCase: 'case_take',
  identity: 'case_complete_identity',
  viewFile: 'case_view_file',
  consent: 'case_consent',
  orient: 'case_orient',
  progress: 'case_progress',
  evaluate: 'case_evaluate',
  close: 'case_close',
  reopen: 'case_reopen',
  informationPreoccupante: 'case_information_preoccupante',
  parcours: 'case_parcours',
  referent: 'case_change_referent',
  objectives: 'case_objectives',
  review: 'case_review',
  /** Pages of the access log; in the modal, `_previous` / `_next` are appended (one action id per button). */
  accessLogPage: 'access_log_page',
  /** On a bordereau; in the `/reperage archives` list, `_<number>` is appended (one action id per button). */
  recordVisa: 'elimination_record_visa',
  epsDecide: 'eps_decide',
  /** On an EPS agenda: change the meeting or write its minutes (read them, for other team members). */
  epsEdit: 'eps_edit',
  /** On an EPS agenda: cancel a meeting that took no decision (Slack asks to confirm). */
  epsCancel: 'eps_cancel',
  /** In `/reperage dossiers`, one per case: its file (after a reason), pushed over the list; value: the reference. */
  caseListOpen: 'case_list_open',
  /** In `/reperage dossiers`: the page before or after; value: the page's number. */
  caseListPrevious: 'case_list_previous',
  caseListNext: 'case_list_next',
  /** In a long case file: another page; value `<reference>|<reason>|<page>` (each page is read, and logged, anew). */
  filePrevious: 'case_file_previous',
  fileNext: 'case_file_next',
  /** In a duplicate notice: value `<new reference>><existing reference>`. */
  duplicateMerge: 'duplicate_merge',
  duplicateKeep: 'duplicate_keep',
  /** The liaison sheet's look at the shared fields; its value is the orientation's id. */
  sheetView: 'sheet_view',
  /** In the case file: write in its journal de suivi; the value is the case's reference. */
  journalAdd: 'journal_add',
  /** In the coordinator's App Home, one per case without a référent; its value is the case's reference. */
  handoverOpen: 'handover_open',
  /** In the catalogue modal, one per operator; its value is the operator's scope key. */
  operatorConfigure: 'operator_configure',
} as const;

/** Pathway modals; private_metadata carries `reference@version~facets` (case-forms/basis.ts). */
export const caseModals = {
  consent: 'case_consent_modal',
  orient: 'case_orient_modal',
  progress: 'case_progress_modal',
  evaluate: 'case_evaluate_modal',
  close: 'case_close_modal',
  identity: 'case_identity_modal',
  informationPreoccupante: 'case_ip_modal',
  parcours: 'case_parcours_modal',
  referent: 'case_referent_modal',
  objectives: 'case_objectives_modal',
  review: 'case_review_modal',
} as const;

/** The pathway's forms: each opens from the card's button of the same name and submits to its modal's callback. */
export type CaseModalKind = keyof typeof caseModals;
export const CASE_MODAL_KINDS = Object.keys(caseModals) as CaseModalKind[];

/** The commands each form may lead to: the form opens to whoever the policy allows one of them. */
export const CASE_FORM_COMMANDS: Record<CaseModalKind, readonly CaseCommandType[]> = {
  consent: ['request_consent', 'record_consent_given', 'record_consent_refused', 'withdraw_consent'],
  orient: ['orient'],
  progress: ['start_orientation', 'end_orientation', 'orientation_not_started'],
  evaluate: ['evaluate'],
  close: ['close'],
  identity: ['complete_identity'],
  informationPreoccupante: ['record_information_preoccupante'],
  parcours: ['enter_parcours'],
  referent: ['change_referent'],
  objectives: ['set_objectives'],
  review: ['review'],
};

/**
 * What each form is drawn from (domain/case-facets.ts): a form submitted after the case changed goes through when
 * these are unchanged, and is drawn again (what was typed kept) when one of them changed.
 */
export const CASE_FORM_BASIS: Record<CaseModalKind, readonly CaseFacet[]> = {
  consent: ['agreement'],
  orient: ['agreement', 'orientations'],
  progress: ['orientations'],
  evaluate: ['orientations', 'parcours'],
  close: ['status'],
  identity: ['identity', 'agreement'],
  informationPreoccupante: ['status'],
  parcours: ['agreement', 'parcours', 'referent'],
  referent: ['referent', 'parcours'],
  objectives: ['agreement', 'parcours'],
  review: ['agreement', 'parcours'],
};

/** The liaison sheet's three answers: the sheet's button (the orientation's id as value) and the form it opens. */
export const sheetAnswers = {
  start: { button: 'sheet_start', form: 'sheet_start_modal' },
  notStarted: { button: 'sheet_not_started', form: 'sheet_not_started_modal' },
  end: { button: 'sheet_end', form: 'sheet_end_modal' },
} as const;
export type SheetAnswer = keyof typeof sheetAnswers;
export const SHEET_ANSWERS = Object.keys(sheetAnswers) as SheetAnswer[];
