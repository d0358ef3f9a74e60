import type { Config } from '../config.js';
import type { CaseSummary } from '../domain/case-summary.js';
import type { Lists } from '../domain/lists.js';
import type { FamilyAgreement } from '../domain/referral.js';
import type { DigestDeps } from '../jobs/weekly-digest.js';
import type { Logger } from '../log.js';
import type { Absences } from '../store/absences.js';
import type { AccessLog } from '../store/access-log.js';
import type { CaseMembers } from '../store/case-members.js';
import type { CaseRepository } from '../store/case-repository.js';
import type { CatalogueRepository } from '../store/catalogue-repository.js';
import type { EliminationBatches } from '../store/elimination-batches.js';
import type { EpsMeetings } from '../store/eps-meetings.js';
import type { MemberRepository } from '../store/member-repository.js';
import type { OperatorRepository } from '../store/operators.js';
import type { RenderedMessage } from '../store/outbox.js';
import type { ReferralRepository } from '../store/referral-repository.js';
import type { TakenRequests } from '../store/taken-requests.js';
import type { LiveLists } from '../use-cases/programme-lists.js';
import type { LiveSettings } from '../use-cases/programme-settings.js';
import type { ActionTitles, CaseRender } from '../use-cases/run-case-command.js';
import type { ListLabels } from './views/labels.js';

/** What listeners are given: use-case dependencies, already wired. Listeners never open a database themselves. */
export interface AppServices {
  config: Config;
  /** The programme's settings in force (Réglages): read them here, never from `config`. */
  settings: LiveSettings;
  /** The lists' entries a new choice may take (archived ones left out): read at each use, they change live. */
  readonly lists: Lists;
  /** The programme's lists in force, archived entries included (the words of old cases, the annual return). */
  liveLists: LiveLists;
  /** Display names of the lists' ids, archived ones included. */
  readonly labels: ListLabels;
  logger: Logger;
  referrals: ReferralRepository;
  members: MemberRepository;
  accessLog: AccessLog;
  caseMembers: CaseMembers;
  /** Référents' absences and the deputies who cover them. */
  absences: Absences;
  /** Signed requests already taken (replays do nothing). */
  takenRequests: TakenRequests;
  eps: EpsMeetings;
  /** Partner operators: channels and referents. */
  operators: OperatorRepository;
  /** An operator's channel was set: what waited for it goes now. */
  afterOperatorChange(): void;
  /** Messages are waiting: those this request enqueued are sent now by this instance, others by the outbox. */
  kickOutbox(): void;
  now(): Date;
  render: {
    celluleCard(summary: CaseSummary): RenderedMessage;
    receipt(summary: CaseSummary, familyAgreement?: FamilyAgreement): RenderedMessage;
  };
  cases: CaseRepository;
  catalogue: CatalogueRepository;
  caseRender: CaseRender;
  actionTitles(): Promise<ActionTitles>;
  digests: DigestDeps;
  /** Bordereaux d'élimination (retention in visa mode). */
  batches: EliminationBatches;
  /** Runs the retention job now, after a coordinator recorded a visa. */
  afterVisa(): void;
  /** Bound on a database write made before answering Slack (3 s window). */
  storageDeadlineMs: number;
}
