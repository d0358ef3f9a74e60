import type { Axis } from '../domain/axes.js';
import { queryRows } from './direct-sql.js';
import { Prisma, type PrismaClient } from './generated/client.js';

export interface CatalogueAction {
  id: string;
  axis: Axis;
  title: string;
  operator: string;
  retired: boolean;
}

/** The action catalogue. Retiring keeps the row, so past orientations still name their action. */
export class CatalogueRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Read on every case click (the actions' titles): one plain statement. */
  async all(): Promise<CatalogueAction[]> {
    const rows = await queryRows<{ id: string; axis: string; title: string; operator: string; retired: boolean }>(
      this.prisma,
      Prisma.sql`SELECT id, axis, title, operator, retired_at IS NOT NULL AS retired FROM catalogue_actions ORDER BY axis, title`,
    );
    return rows.map((r) => ({ ...r, axis: r.axis as Axis }));
  }

  async active(): Promise<CatalogueAction[]> {
    return (await this.all()).filter((a) => !a.retired);
  }

  async add(action: { id: string; axis: Axis; title: string; operator: string }): Promise<void> {
    await this.prisma.catalogueAction.create({ data: action });
  }

  async rename(id: string, title: string, operator: string): Promise<boolean> {
    const r = await this.prisma.catalogueAction.updateMany({ where: { id }, data: { title, operator } });
    return r.count === 1;
  }

  async retire(id: string, at: Date): Promise<boolean> {
    const r = await this.prisma.catalogueAction.updateMany({ where: { id, retiredAt: null }, data: { retiredAt: at } });
    return r.count === 1;
  }
}
