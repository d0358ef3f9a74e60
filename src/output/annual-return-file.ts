import { ANNUAL_TABLES, type PublishedAnnualReturn } from '../domain/annual-return.js';
import type { PublishedCount } from '../domain/anonymiser.js';
import { frAnnual as a, fr, frCase } from '../i18n/fr.js';

/** What a row key says in French: its parts ("exit:moved_away", "schooling:absenteisme", "clubs-lecture|started"). */
export function annualLabel(
  key: string,
  titles: ReadonlyMap<string, string>,
  difficulty: (id: string) => string,
): string {
  return key
    .split(/[:|]/)
    .map(
      (part) =>
        a.keys[part] ??
        fr.axis[part as keyof typeof fr.axis] ??
        frCase.closureReason[part as keyof typeof frCase.closureReason]?.replace(' (préciser)', '') ??
        fr.stage[part as keyof typeof fr.stage] ??
        titles.get(part) ??
        difficulty(part),
    )
    .join(' — ');
}

const shown = (v: PublishedCount, threshold: number): string | number =>
  v.kind === 'value' ? v.value : v.kind === 'small' ? a.small(threshold) : a.hidden;

/** One sheet per table (an indicator and its value), as a spreadsheet reader opens it. */
export async function annualWorkbook(data: PublishedAnnualReturn, label: (key: string) => string): Promise<Buffer> {
  // Loaded on first use: a workbook is made a few times a year, and the library weighs on every start's memory.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'pre-referrals';
  for (const name of ANNUAL_TABLES) {
    const sheet = book.addWorksheet(a.tables[name].slice(0, 31));
    sheet.columns = [
      { header: a.indicator, key: 'label', width: 60 },
      { header: a.value, key: 'value', width: 16 },
    ];
    for (const row of data.tables[name])
      sheet.addRow({ label: label(row.key), value: shown(row.value, data.threshold) });
    sheet.getRow(1).font = { bold: true };
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Every table in one CSV (table; indicator; value), semicolon-separated with a BOM, as French spreadsheets read it. */
export function annualCsv(data: PublishedAnnualReturn, label: (key: string) => string): string {
  const cell = (v: string | number) => {
    const text = String(v);
    return /[;"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [[a.table, a.indicator, a.value].join(';')];
  for (const name of ANNUAL_TABLES)
    for (const row of data.tables[name])
      lines.push([a.tables[name], label(row.key), shown(row.value, data.threshold)].map(cell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
