import type { App } from '@slack/bolt';
import { actions, CASE_MODAL_KINDS, SHEET_ANSWERS, sheetAnswers } from '../../ids.js';
import type { AppServices } from '../../services.js';
import { caseListOpened, caseListPaged } from '../case-list.js';
import { duplicateKeepClicked, duplicateMergeClicked } from '../duplicates.js';
import { epsCancelClicked, epsDecideClicked, epsEditClicked } from '../eps.js';
import { handoverOpenClicked } from '../handover.js';
import { journalAddClicked } from '../journal.js';
import { sheetClicked } from '../liaison-sheet.js';
import { operatorConfigureClicked } from '../operators.js';
import { accessLogPageClicked } from './access-log-page.js';
import { caseCommandClicked } from './case-command.js';
import { familyAgreementChanged } from './family-agreement.js';
import { openCaseModalClicked } from './open-case-modal.js';
import { recordVisaClicked } from './record-visa.js';
import { viewFileClicked } from './view-file.js';

export function register(app: App, s: AppServices): void {
  app.action(actions.familyAgreement, familyAgreementChanged(s));
  app.action(actions.epsDecide, epsDecideClicked(s));
  app.action(actions.epsEdit, epsEditClicked(s));
  app.action(actions.epsCancel, epsCancelClicked(s));
  app.action(actions.caseListOpen, caseListOpened(s));
  app.action(actions.caseListPrevious, caseListPaged(s));
  app.action(actions.caseListNext, caseListPaged(s));
  app.action(actions.duplicateMerge, duplicateMergeClicked(s));
  app.action(actions.duplicateKeep, duplicateKeepClicked(s));
  app.action(actions.takeCase, caseCommandClicked(s, 'take'));
  app.action(actions.reopen, caseCommandClicked(s, 'reopen'));
  for (const kind of CASE_MODAL_KINDS) app.action(actions[kind], openCaseModalClicked(s, kind));
  app.action(actions.viewFile, viewFileClicked(s));
  app.action(actions.sheetView, sheetClicked(s, 'view'));
  for (const answer of SHEET_ANSWERS) app.action(sheetAnswers[answer].button, sheetClicked(s, answer));
  app.action(actions.operatorConfigure, operatorConfigureClicked(s));
  app.action(actions.handoverOpen, handoverOpenClicked(s));
  app.action(actions.journalAdd, journalAddClicked(s));
  app.action(new RegExp(`^${actions.recordVisa}(_BE-\\d{4}-\\d+)?$`), recordVisaClicked(s));
  app.action(new RegExp(`^${actions.accessLogPage}(_previous|_next)?$`), accessLogPageClicked(s));
}
