import type { ColumnKey, SheetData, SheetKey } from '../domain/lists-sheet.js';
import { folded, SHEET_COLUMNS, SHEET_KEYS } from '../domain/lists-sheet.js';

/** The names the file uses: each sheet's, each column's header (French, from the i18n). */
export interface WorkbookNames {
  sheet: Record<SheetKey, string>;
  column: Record<ColumnKey, string>;
}

/** What a workbook sent back holds: its sheets as data, and those whose name is none of the app's. */
export interface ReadWorkbook {
  sheets: SheetData[];
  unknownSheets: string[];
  /** The file is not a workbook this library can open. */
  unreadable?: boolean;
}

/** One sheet per list and one for the catalogue, headers in bold, ready to edit. */
export async function listsWorkbook(sheets: readonly SheetData[], names: WorkbookNames): Promise<Uint8Array> {
  // Loaded on first use, as the annual return's workbooks.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'pre-referrals';
  for (const data of sheets) {
    const sheet = book.addWorksheet(names.sheet[data.key].slice(0, 31));
    sheet.columns = SHEET_COLUMNS[data.key].map((column) => ({
      header: names.column[column],
      key: column,
      width: column === 'label' || column === 'title' || column === 'operator' ? 50 : 18,
    }));
    for (const row of data.rows) sheet.addRow(row.cells);
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Reads a workbook back: sheets by name, cells by header (accents and case aside); empty rows skipped. */
export async function readListsWorkbook(bytes: Uint8Array, names: WorkbookNames): Promise<ReadWorkbook> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { sheets: [], unknownSheets: [], unreadable: true };
  }
  const sheetKey = new Map(SHEET_KEYS.map((k) => [folded(names.sheet[k].slice(0, 31)), k]));
  const columnKey = new Map((Object.keys(names.column) as ColumnKey[]).map((c) => [folded(names.column[c]), c]));
  const sheets: SheetData[] = [];
  const unknownSheets: string[] = [];
  for (const sheet of book.worksheets) {
    const key = sheetKey.get(folded(sheet.name));
    if (!key) {
      if (sheet.actualRowCount > 0) unknownSheets.push(sheet.name);
      continue;
    }
    const headers = new Map<number, ColumnKey>();
    sheet.getRow(1).eachCell((cell, col) => {
      const column = columnKey.get(folded(cell.text));
      if (column && SHEET_COLUMNS[key].includes(column)) headers.set(col, column);
    });
    const rows: SheetData['rows'] = [];
    sheet.eachRow((row, line) => {
      if (line === 1) return;
      const cells: Partial<Record<ColumnKey, string>> = {};
      for (const [col, column] of headers) {
        const text = row.getCell(col).text.trim();
        if (text) cells[column] = text;
      }
      if (Object.keys(cells).length > 0) rows.push({ line, cells });
    });
    // A sheet with no row changes nothing.
    if (rows.length === 0) continue;
    sheets.push({ key, columns: [...headers.values()], rows });
  }
  return { sheets, unknownSheets };
}
