import type { App } from '@slack/bolt';
import { CASE_MODAL_KINDS, callbacks, caseModals, SHEET_ANSWERS, sheetAnswers } from '../../ids.js';
import type { AppServices } from '../../services.js';
import { absenceSubmitted } from '../absence.js';
import { caseListFiltered } from '../case-list.js';
import { duplicateKept } from '../duplicates.js';
import { epsDecided, epsEdited, epsScheduled } from '../eps.js';
import { handoverSubmitted } from '../handover.js';
import { journalSubmitted } from '../journal.js';
import { sheetAnswerSubmitted, sheetReasonSubmitted } from '../liaison-sheet.js';
import { operatorSubmitted } from '../operators.js';
import { caseModalSubmitted } from './case-modal-submitted.js';
import { casePeopleSubmitted } from './case-people-submitted.js';
import { catalogueSubmitted } from './catalogue-submitted.js';
import { fileReasonSubmitted } from './file-reason-submitted.js';
import { intakeSubmitted } from './intake-submitted.js';
import { membersSubmitted } from './members-submitted.js';
import { visaSubmitted } from './visa-submitted.js';

export function register(app: App, s: AppServices): void {
  app.view(callbacks.intake, intakeSubmitted(s));
  for (const kind of CASE_MODAL_KINDS) app.view(caseModals[kind], caseModalSubmitted(s, kind));
  app.view(callbacks.catalogue, catalogueSubmitted(s));
  app.view(callbacks.fileReason, fileReasonSubmitted(s));
  app.view(callbacks.members, membersSubmitted(s));
  app.view(callbacks.eliminationVisa, visaSubmitted(s));
  app.view(callbacks.casePeople, casePeopleSubmitted(s));
  app.view(callbacks.epsSchedule, epsScheduled(s));
  app.view(callbacks.epsDecision, epsDecided(s));
  app.view(callbacks.epsEdit, epsEdited(s));
  app.view(callbacks.caseList, caseListFiltered(s));
  app.view(callbacks.duplicateKeep, duplicateKept(s));
  app.view(callbacks.sheetReason, sheetReasonSubmitted(s));
  for (const answer of SHEET_ANSWERS) app.view(sheetAnswers[answer].form, sheetAnswerSubmitted(s, answer));
  app.view(callbacks.operator, operatorSubmitted(s));
  app.view(callbacks.handover, handoverSubmitted(s));
  app.view(callbacks.absence, absenceSubmitted(s));
  app.view(callbacks.journal, journalSubmitted(s));
}
