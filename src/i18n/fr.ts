// Every sentence a user reads in Slack, one file per surface under src/i18n/fr/, composed here behind one import.
// Code never builds French text anywhere else.

import { frAnnual } from './fr/annual-return.js';
import { frArchive } from './fr/archive.js';
import { frCard, frCaseCard } from './fr/card.js';
import { frCaseList } from './fr/case-list.js';
import { frCommon, manifestNames } from './fr/common.js';
import { frDigest } from './fr/digests.js';
import { frDuplicates } from './fr/duplicates.js';
import { frEps } from './fr/eps.js';
import { frErrors } from './fr/errors.js';
import { frCharter, frFile, frPeople } from './fr/file.js';
import { frAbsence, frHandover } from './fr/handover.js';
import { frCaseHome } from './fr/home.js';
import { frIntake } from './fr/intake.js';
import { frLists } from './fr/lists.js';
import { frOperator } from './fr/operators.js';
import { frCaseParcours } from './fr/parcours.js';
import { frSandbox } from './fr/sandbox.js';
import { frSettings } from './fr/settings.js';

export {
  frAbsence,
  frAnnual,
  frArchive,
  frCaseList,
  frCharter,
  frDigest,
  frDuplicates,
  frEps,
  frHandover,
  frLists,
  frOperator,
  frPeople,
  frSandbox,
  frSettings,
  manifestNames,
};

/** Every sentence a user reads in Slack. Code never builds French text anywhere else. */
export const fr = { ...frCommon, ...frIntake, ...frCard, ...frFile, ...frErrors };

export const frCase = { ...frCaseCard, ...frCaseParcours, ...frCaseHome };
