import type { Axis } from '../domain/axes.js';
import type { ActionDetails } from '../domain/catalogue.js';
import type { CatalogueChange } from '../domain/lists-sheet.js';
import { queryRows } from './direct-sql.js';
import { Prisma, type PrismaClient } from './generated/client.js';

export interface CatalogueAction extends ActionDetails {
  id: string;
  axis: Axis;
  title: string;
  operator: string;
  retired: boolean;
}

/** The action catalogue. Retiring keeps the row, so past orientations still name their action. */
export class CatalogueRepository {
  constructor(
    private readonly prisma: PrismaClient,
    /** The workspace its rows are written for (undefined before Slack answered: claimed later, installation.ts). */
    private readonly teamId: () => string | undefined = () => undefined,
  ) {}

  /** Read on every case click (the actions' titles): one plain statement. */
  async all(): Promise<CatalogueAction[]> {
    const rows = await queryRows<Omit<CatalogueAction, 'axis'> & { axis: string }>(
      this.prisma,
      Prisma.sql`SELECT id, axis, title, operator, retired_at IS NOT NULL AS retired, age_min AS "ageMin",
        age_max AS "ageMax", places, waiting_list AS "waitingList", funder
        FROM catalogue_actions ORDER BY axis, title`,
    );
    return rows.map((r) => ({ ...r, axis: r.axis as Axis }));
  }

  async active(): Promise<CatalogueAction[]> {
    return (await this.all()).filter((a) => !a.retired);
  }

  async add(action: { id: string; axis: Axis; title: string; operator: string } & ActionDetails): Promise<void> {
    await this.prisma.catalogueAction.create({ data: { ...action, teamId: this.teamId() ?? null } });
  }

  async rename(id: string, title: string, operator: string, details: ActionDetails): Promise<boolean> {
    const r = await this.prisma.catalogueAction.updateMany({ where: { id }, data: { title, operator, ...details } });
    return r.count === 1;
  }

  /** Offered again for the new school year. */
  async restore(id: string): Promise<boolean> {
    const r = await this.prisma.catalogueAction.updateMany({
      where: { id, retiredAt: { not: null } },
      data: { retiredAt: null },
    });
    return r.count === 1;
  }

  async retire(id: string, at: Date): Promise<boolean> {
    const r = await this.prisma.catalogueAction.updateMany({ where: { id, retiredAt: null }, data: { retiredAt: at } });
    return r.count === 1;
  }

  /** A spreadsheet's catalogue rows, inside the transaction that records its lists: all or none. */
  static async applyInTx(
    tx: Prisma.TransactionClient,
    changes: readonly CatalogueChange[],
    at: Date,
    teamId: string,
  ): Promise<void> {
    for (const change of changes) {
      const { id, axis, title, operator, ageMin, ageMax, places, waitingList, funder } = change.action;
      const data = { axis, title, operator, ageMin, ageMax, places, waitingList, funder, teamId };
      if (change.kind === 'add') await tx.catalogueAction.create({ data: { id, ...data } });
      else
        await tx.catalogueAction.update({
          where: { id },
          data: {
            ...data,
            // Retired keeps its first date; offered again clears it.
            ...(change.action.retired ? (change.before.retired ? {} : { retiredAt: at }) : { retiredAt: null }),
          },
        });
    }
  }
}
