import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LISTS_FILE } from '../../src/config.js';
import { type CaseFileFacts, type CaseSummary, ReferralWeek, toCaseSummary } from '../../src/domain/case-summary.js';
import type { PublishedDigest } from '../../src/domain/digest.js';
import { listsSchema } from '../../src/domain/lists.js';
import { type CaseCommandType, type CaseEventData, initialCaseState } from '../../src/domain/pathway.js';
import { asIdentity, fileNotesOf, type ReferralIdentity, SITUATION_MAX } from '../../src/domain/referral.js';
import { fr, frCase, frCharter, frDigest, frOperator } from '../../src/i18n/fr.js';
import { loadLists } from '../../src/lists-file.js';
import { actions } from '../../src/slack/ids.js';
import { accessLogMessage, accessReasonText } from '../../src/slack/views/access-log.js';
import { option, truncate } from '../../src/slack/views/block-kit.js';
import { changedFacets, formMetadata, formMetadataSchema } from '../../src/slack/views/case-forms/basis.js';
import { celluleCard, describeEvent, eventLine, referralReceipt } from '../../src/slack/views/case-messages.js';
import { digestMessage } from '../../src/slack/views/digest-message.js';
import { intakeModal } from '../../src/slack/views/intake-modal.js';
import { listLabels } from '../../src/slack/views/labels.js';
import { caseFileModal, refusedModal, submittedModal } from '../../src/slack/views/modals.js';
import { messageProblems, viewProblems } from '../../src/slack-emulator/block-kit-limits.js';

const lists = loadLists(DEFAULT_LISTS_FILE);
const ctx = { labels: listLabels(lists), timeZone: 'Europe/Paris' };
const summary: CaseSummary = toCaseSummary({
  reference: 'PRE-2026-0042',
  status: 'referred',
  version: 1,
  referredWeek: new ReferralWeek(new Date('2026-11-28T10:00:00Z')),
  ageBand: '11-13',
  schoolStage: 'college',
  axes: ['parenting'],
  preReferral: false,
  consent: 'not_requested',
  orientations: [],
  offered: ['take', 'request_consent', 'close'],
});
const facts: CaseFileFacts = {
  referredAt: new Date('2026-11-28T10:00:00Z'),
  schoolId: 'autre',
  classLevel: '6e',
  neighbourhood: 'landy',
  services: [],
  familyAgreement: 'informed',
  referrerInstitution: 'cmpp',
};
const identity: ReferralIdentity = asIdentity({
  childFirstName: 'Inès',
  childLastName: 'Martin',
  birthDate: '2014-03-02',
  guardianName: 'M. Martin',
  situation: 'é<>&'.repeat(SITUATION_MAX / 4),
});

describe('views stay within Slack limits', () => {
  it('the intake modal, prefilled with the longest situation', () => {
    expect(viewProblems(intakeModal(lists, { situation: 'x'.repeat(5000), role: 'r'.repeat(200) }), 'modal')).toEqual(
      [],
    );
  });

  it('the case file, with a 3000-character situation that grows when escaped', () => {
    expect(viewProblems(caseFileModal(summary, identity, facts, ctx), 'modal')).toEqual([]);
  });

  it('a long file in pages Slack accepts, every journal entry on one of them, each page reached by a button', () => {
    const journal = Array.from({ length: 60 }, (_, i) => ({
      on: '2026-10-01',
      kind: 'note' as const,
      authorId: 'UTEAM0001',
      text: `entrée-${i}-fin ${'é'.repeat(2400)}`,
    }));
    const notes = fileNotesOf(
      Object.fromEntries(journal.map((e, i) => [`journal:${String(i).padStart(4, '0')}`, JSON.stringify(e)])),
    );
    const record = { state: initialCaseState(), notes };
    const first = caseFileModal(summary, identity, facts, ctx, record, { page: 0, reason: 'follow_up' });
    const count = Number(/Page 1 sur (\d+)/.exec(JSON.stringify(first))?.[1]);
    expect(count).toBeGreaterThan(1);
    let all = '';
    for (let page = 0; page < count; page += 1) {
      const view = caseFileModal(summary, identity, facts, ctx, record, { page, reason: 'follow_up' });
      expect(viewProblems(view, 'modal')).toEqual([]);
      const text = JSON.stringify(view);
      expect(text.includes(actions.fileNext)).toBe(page < count - 1);
      expect(text.includes(actions.filePrevious)).toBe(page > 0);
      if (page < count - 1) expect(text).toContain(`"${summary.reference}|follow_up|${page + 1}"`);
      all += (view.blocks as { type: string; text?: { text: string } }[]).map((b) => b.text?.text ?? '').join('');
    }
    for (let i = 0; i < 60; i += 1) expect(all).toContain(`entrée-${i}-fin`);
  });

  it('the notices, the card and the receipt', () => {
    for (const view of [submittedModal('PRE-2026-0042', false), refusedModal()]) {
      expect(viewProblems(view, 'modal')).toEqual([]);
    }
    for (const message of [celluleCard(summary, ctx), referralReceipt(summary, ctx)]) {
      expect(messageProblems(message as never)).toEqual([]);
    }
    // The town's notice, when the lists give its link: a link Slack accepts, that cannot be bent into another.
    const notice = { contact: 'PRE <!channel>', url: 'https://ville.example/notice|pre.pdf' };
    const receipt = referralReceipt(summary, { ...ctx, familyNotice: notice }, 'not_informed');
    expect(messageProblems(receipt as never)).toEqual([]);
    const text = JSON.stringify(receipt.blocks);
    expect(text).toContain('<https://ville.example/notice%7Cpre.pdf|');
    expect(text).not.toContain('<!channel>');
  });

  it('never writes "(facultatif)" in a label: Slack marks optional inputs itself (the sandbox draws it too)', () => {
    const dir = 'src/i18n/fr';
    const said = readdirSync(dir)
      .filter((f) => f !== 'sandbox.ts')
      .filter((f) => /facultati/i.test(readFileSync(`${dir}/${f}`, 'utf8')));
    expect(said).toEqual([]);
  });

  it('takes a family notice link only as https', () => {
    const base = JSON.parse(JSON.stringify(lists));
    expect(listsSchema.safeParse({ ...base, familyNotice: { contact: 'PRE', url: 'http://x.fr/n.pdf' } }).success).toBe(
      false,
    );
    expect(
      listsSchema.safeParse({ ...base, familyNotice: { contact: 'PRE', url: 'https://x.fr/n.pdf' } }).success,
    ).toBe(true);
  });
});

describe('thread lines and the timeline', () => {
  it('escape catalogue titles, which a coordinator types: no mention, no link', () => {
    const titles = new Map([['a', '<!channel> Clubs <https://x.fr|lecture>']]);
    const event: CaseEventData = {
      type: 'orient',
      on: '2026-11-28',
      actionIds: ['a'],
      operators: ['op:x'],
      orientationIds: ['o'],
      actorId: 'U1',
    };
    const line = eventLine(summary, event, new Date('2026-11-28T10:00:00Z'), { ...ctx, actionTitles: titles });
    expect(JSON.stringify(line)).not.toContain('<!channel>');
    expect(JSON.stringify(line)).not.toContain('<https://');
    expect(describeEvent(event, { ...ctx, actionTitles: titles })).toContain('&lt;!channel&gt; Clubs');
  });
});

describe('labels cut to Slack’s limits', () => {
  it('never through a surrogate pair, a combining accent or an emoji sequence', () => {
    const family = '👨‍👩‍👧';
    for (const tail of ['😀', 'é', family, '🇫🇷']) {
      for (let at = 70; at <= 76; at += 1) {
        const label = `${'a'.repeat(at)}${tail}${'b'.repeat(10)}`;
        const cut = truncate(label, 75);
        expect(cut.length).toBeLessThanOrEqual(75);
        expect(cut.endsWith('…')).toBe(true);
        // What was kept is a prefix made of whole graphemes of the label.
        const kept = cut.slice(0, -1);
        expect(label.startsWith(kept)).toBe(true);
        const whole = [...new Intl.Segmenter('fr', { granularity: 'grapheme' }).segment(label)].map((g) => g.segment);
        let joined = '';
        for (const g of whole) {
          if (joined.length >= kept.length) break;
          joined += g;
        }
        expect(joined).toBe(kept);
      }
    }
    // An emoji at position 73: before the fix, slice(0, 74) kept half of it.
    const label = `${'a'.repeat(73)}😀 et la suite`;
    expect(option('x', label).text.text).toBe(`${'a'.repeat(73)}…`);
    expect(option('x', 'court').text.text).toBe('court');
  });
});

describe('the card', () => {
  it('shows level-2 facts in French and offers only what is possible now', () => {
    const card = JSON.stringify(celluleCard(summary, ctx));
    expect(card).toContain('11–13 ans');
    expect(card).toContain(fr.stage.college);
    expect(card).toContain(fr.card.weekOf('23/11/2026')); // the Monday of the week of 28/11/2026
    expect(card).toContain(frCase.buttons.take);
    // What narrows a child down stays in the logged file: class, neighbourhood, services, institution, exact date.
    for (const tooPrecise of ['6e', 'Landy', 'CMPP', '28/11/2026'])
      for (const message of [card, JSON.stringify(referralReceipt(summary, ctx))])
        expect(message).not.toContain(tooPrecise);
    const file = JSON.stringify(caseFileModal(summary, identity, facts, ctx));
    // The summary cannot even carry them: the builders of channel messages have nothing more precise to show.
    expect(Object.keys(summary).sort()).toEqual([
      'ageBand',
      'assigneeUserId',
      'axes',
      'consent',
      'offered',
      'orientations',
      'preReferral',
      'reference',
      'referredWeek',
      'schoolStage',
      'status',
      'version',
    ]);
    // @ts-expect-error the exact class is not level 2
    expect(summary.classLevel).toBeUndefined();
    // @ts-expect-error nor is the exact date
    expect(summary.referredAt).toBeUndefined();
    expect(JSON.stringify(summary)).not.toContain('2026-11-28');
    for (const inFile of ['Landy', 'CMPP', '28/11/2026']) expect(file).toContain(inFile);
    const taken = JSON.stringify(
      celluleCard(
        toCaseSummary({ ...summary, assigneeUserId: 'U2', version: 2, status: 'in_analysis', offered: ['close'] }),
        ctx,
      ),
    );
    expect(taken).not.toContain('Prendre en charge');
    expect(taken).toContain('<@U2>');
  });

  it('has a button for every command the pathway can offer', () => {
    const offerable: CaseCommandType[] = [
      'take',
      'request_consent',
      'record_consent_given',
      'withdraw_consent',
      'orient',
      'start_orientation',
      'end_orientation',
      'evaluate',
      'close',
      'reopen',
    ];
    for (const type of offerable) {
      const card = celluleCard(toCaseSummary({ ...summary, offered: [type] }), ctx);
      const actionsBlock = (card.blocks as { type: string }[]).find((block) => block.type === 'actions') as
        | { elements: { action_id: string }[] }
        | undefined;
      const buttons = (actionsBlock?.elements ?? []).map((e) => e.action_id).filter((id) => id !== actions.viewFile);
      expect(buttons, type).toHaveLength(1);
    }
  });

  it('cannot be given level-1 data: the builders only take a CaseSummary', () => {
    // @ts-expect-error a ReferralIdentity is not a CaseSummary
    expect(() => celluleCard(identity, ctx)).toThrow();
    // Checked by the compiler, not at run time: `npm run check` runs tsc over the tests, and an @ts-expect-error on
    // a line that compiles is itself an error. The function is never called.
    const _mustNotCompile = () => [
      // @ts-expect-error a hand-made object lacks the level-2 brand
      celluleCard({ reference: 'PRE-2026-0001', status: 'referred' }, ctx),
      // @ts-expect-error a level-1 field cannot ride along on a summary
      referralReceipt({ ...summary, childFirstName: 'Inès' }, ctx),
    ];
    const copy = toCaseSummary({ ...summary, ...({ childFirstName: 'Inès' } as object) } as never);
    expect(JSON.stringify(copy)).not.toContain('Inès');
  });
});

describe('French as people write it', () => {
  it('says 0 jour, 1,5 jour, 2 jours', () => {
    expect(frDigest.days(0, 4)).toBe('0 jour (4 dossiers)');
    expect(frDigest.days(1.5, 3)).toBe('1,5 jour (3 dossiers)');
    expect(frDigest.days(2, 1)).toBe('2 jours (1 dossier)');
  });
});

describe('the access log', () => {
  it('says why each person read the file, an operator’s reading included (never "— —")', () => {
    const at = new Date('2026-11-30T10:00:00Z');
    const message = accessLogMessage(
      'PRE-2026-0007',
      [
        { userId: 'UTEAM', at, reason: 'follow_up', granted: true },
        { userId: 'UAFEV', at, reason: 'operator_contact_family', granted: true },
      ],
      'Europe/Paris',
    );
    const text = JSON.stringify(message);
    expect(text).toContain(frCharter.access.reasons.follow_up);
    expect(text).toContain(frCharter.access.operatorReason(frOperator.reasons.contact_family));
    expect(text).not.toContain('— —');
    expect(accessReasonText('something_else')).toBe(frCharter.access.unknownReason);
  });
});

describe('a pathway form’s metadata', () => {
  it('reads what a form drew from, and a form opened before fingerprints as changed in every part', () => {
    const state = initialCaseState();
    const now = formMetadataSchema.parse(formMetadata('orient', 'PRE-2026-0042', state));
    expect(now).toMatchObject({ reference: 'PRE-2026-0042', version: 1 });
    expect(changedFacets('orient', now.prints, state)).toEqual([]);
    expect(changedFacets('orient', now.prints, { ...state, orientations: [], consent: 'requested' })).toEqual([
      'agreement',
    ]);
    const old = formMetadataSchema.parse('PRE-2026-0042@3');
    expect(old).toEqual({ reference: 'PRE-2026-0042', version: 3, prints: [] });
    expect(changedFacets('orient', old.prints, state)).toEqual(['agreement', 'orientations']);
    expect(formMetadataSchema.safeParse('PRE-2026-0042@3~zz').success).toBe(false);
  });
});

describe('a digest published before months', () => {
  it('is drawn again as it went out: the week’s tables, each windowed count with its wider windows', () => {
    const v = (value: number) => ({ kind: 'value' as const, value });
    const table = (rows: [string, number | 'small'][]) => ({
      rows: rows.map(([key, n]) => ({ key, count: n === 'small' ? { kind: 'small' as const } : v(n) })),
    });
    const windowed = {
      fragilityByAxis: table([['health', 'small']]),
      uncoveredNeeds: table([['health', 0]]),
      parcoursEntered: table([['entered', 3]]),
      orientationOutcomes: table([]),
    };
    const legacy = {
      audience: 'health',
      weekId: '2026-W46',
      weekStart: '2026-11-08T23:00:00.000Z',
      weekEnd: '2026-11-15T23:00:00.000Z',
      threshold: 3,
      newReferrals: v(4),
      byAgeBand: table([
        ['2-5', 0],
        ['6-10', 4],
        ['11-13', 0],
        ['14-16', 0],
      ]),
      byStage: table([['elementaire', 4]]),
      openByStatus: table([['referred', 4]]),
      consents: table([['given', 0]]),
      daysToAnalysis: { kind: 'too_few' },
      daysToFirstOrientation: { kind: 'too_few' },
      closuresByReason: table([]),
      ...windowed,
      windows: { schoolYearStart: '2026-08-31T22:00:00.000Z', twelveWeeks: windowed, schoolYear: windowed },
      trend: [{ weekId: '2026-W46', count: v(4) }],
    } as unknown as PublishedDigest;
    const message = digestMessage(legacy, { timeZone: 'Europe/Paris', actionTitles: new Map() });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('6–10 ans : 4');
    expect(text).toContain(frDigest.windows('< 3', '< 3', '< 3'));
    expect(text).toContain(frDigest.openByStatus);
    expect(text).not.toContain(frDigest.monthHeading(''));
    expect(messageProblems(message as never)).toEqual([]);
  });
});
