import { describe, expect, it } from 'vitest';
import { anonymiseMonth, type DigestAudience, draftDigest, type PeriodStats } from '../../src/domain/digest.js';
import { digestModel, protectDigests } from '../../src/domain/digest-protection.js';
import { pinnedCells } from '../../src/domain/disclosure.js';
import { type IsoWeek, parseIsoWeek } from '../../src/domain/iso-week.js';
import { parseMonth } from '../../src/domain/month.js';
import { CLOSURE_REASONS } from '../../src/domain/pathway.js';

const TZ = 'Europe/Paris';
const ctx = { timeZone: TZ };
const october = parseMonth('2026-10', TZ) as NonNullable<ReturnType<typeof parseMonth>>;
// The week of Monday 2 November: the first digest after October.
const week = parseIsoWeek('2026-W45', TZ) as IsoWeek;
const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, 0>;

/** A month where every child is on the health axis: the health group's figures are the cellule's. */
function stats(byAgeBand: PeriodStats['byAgeBand'], elementaire: number): PeriodStats {
  const total = Object.values(byAgeBand).reduce((a, b) => a + b, 0);
  return {
    newReferrals: total,
    byAgeBand,
    byStage: { maternelle: 0, elementaire, college: total - elementaire, other: 0 },
    consents: { given: 0, refused: 0, pending: 0 },
    orientationOutcomes: [],
    daysToAnalysis: { median: null, cases: 0 },
    daysToFirstOrientation: { median: null, cases: 0 },
    daysToStart: { median: null, cases: 0 },
    closuresByReason: zero(CLOSURE_REASONS),
    uncoveredNeeds: {},
    fragilityByAxis: {},
    parcoursEntered: 0,
  };
}
const none = stats(zero(['2-5', '6-10', '11-13', '14-16'] as const), 0);

function drafts(health: PeriodStats, weekCount: number) {
  return (['schooling', 'parenting', 'health', 'cellule'] as DigestAudience[]).map((audience) => {
    const s = audience === 'health' || audience === 'cellule' ? health : none;
    return draftDigest({
      audience,
      week,
      newReferrals: s === none ? 0 : weekCount,
      threshold: 3,
      earlier: [],
      earlierMonths: [],
      month: anonymiseMonth(october, s, 3),
    });
  });
}

describe('protecting a week’s digests', () => {
  it('hides the smallest count that would give a small one back, and nothing is pinned after', () => {
    // 2–10: 4 and 11–16: "< 3" with a month of 6 (stages 3 + 3) would say 11–16 = 2.
    const draft = drafts(stats({ '2-5': 2, '6-10': 2, '11-13': 1, '14-16': 1 }, 3), 4);
    const before = digestModel(draft, ctx);
    expect(pinnedCells(before.known, before.relations).length).toBeGreaterThan(0);
    const { digests, unprotectable } = protectDigests(draft, new Set(), [], ctx);
    expect(unprotectable).toEqual([]);
    const after = digestModel(digests, ctx);
    expect(pinnedCells(after.known, after.relations)).toEqual([]);
    const cellule = digests.find((d) => d.audience === 'cellule');
    expect(cellule?.month?.byAgeBand.rows.map((r) => r.count.kind)).toContain('hidden');
    // The trend's last point says what the headline says.
    for (const d of digests) expect(d.trend.at(-1)?.count).toEqual(d.newReferrals);
  });

  it('fails closed: a table with nothing to hide around a pinned cell is withdrawn whole', () => {
    // A month of 2 children: 2–10 "< 3", 11–16 0 would be withdrawn for one row; stages "< 3" and "< 3" with the
    // week's exact count of… the headline "< 3" pins nothing alone, but the weeks of the month are known exactly.
    const draft = drafts(stats({ '2-5': 1, '6-10': 0, '11-13': 0, '14-16': 1 }, 1), 0);
    // Every week touching October was published: 0 each but the last one, 2 (the whole month).
    const published = ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44'].flatMap((id, i) =>
      (['schooling', 'parenting', 'health', 'cellule'] as DigestAudience[]).map((audience) =>
        draftDigest({
          audience,
          week: parseIsoWeek(id, TZ) as IsoWeek,
          newReferrals: i === 4 && (audience === 'health' || audience === 'cellule') ? 2 : 0,
          threshold: 1,
          earlier: [],
          earlierMonths: [],
        }),
      ),
    );
    // Published at a threshold of 1, the weeks say the month had exactly 2 children; its tables split them "< 3" /
    // "< 3" by stage: each is 1, pinned, unless the table goes.
    const { digests, unprotectable } = protectDigests(draft, new Set(), published, ctx);
    expect(unprotectable).toEqual([]);
    const health = digests.find((d) => d.audience === 'health');
    expect(health?.month?.byStage.withdrawn).toBe(true);
    const after = digestModel([...published, ...digests], ctx);
    expect(pinnedCells(after.known, after.relations)).toEqual([]);
  });

  it('says so when what already went out pins a figure that nothing still to publish can protect', () => {
    const published = (['schooling', 'parenting', 'health', 'cellule'] as DigestAudience[]).map((audience) =>
      draftDigest({
        audience,
        week: parseIsoWeek('2026-W44', TZ) as IsoWeek,
        // The cellule "< 3", the groups 0, 0 and exactly 2: the cellule's is 2.
        newReferrals: audience === 'health' ? 2 : audience === 'cellule' ? 2 : 0,
        threshold: audience === 'health' ? 1 : 3,
        earlier: [],
        earlierMonths: [],
      }),
    );
    const { unprotectable } = protectDigests(drafts(none, 0), new Set(), published, ctx);
    expect(unprotectable).toEqual(['2026-W44|cellule|week']);
  });
});
