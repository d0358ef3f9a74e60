import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { frLists as t } from '../../src/i18n/fr.js';
import { actions } from '../../src/slack/ids.js';
import { directChannelOf } from '../../src/slack-emulator/emulator.js';
import { USERS } from '../support/fixtures.js';
import { type Harness, startHarness, stoppedAfterEach } from '../support/harness.js';

const running = stoppedAfterEach();
let h: Harness;

const dmTexts = () => h.slack.messagesIn(directChannelOf(USERS.coordinator)).map((m) => m.text ?? '');

/** The coordinator exports the lists from the modal: the workbook Slack received in their DM. */
async function exported(): Promise<ExcelJS.Workbook> {
  const before = h.slack.accepted('views.open').length;
  await h.driver.slashCommand(USERS.coordinator, 'listes');
  const call = await h.slack.waitFor(() => h.slack.accepted('views.open')[before], 60_000, 'lists modal');
  const root = String((call.response.view as { id: string }).id);
  const pushed = h.slack.accepted('views.push').length;
  await h.driver.clickInView(USERS.coordinator, root, actions.listsExport, 'schools');
  const told = await h.slack.waitFor(() => h.slack.accepted('views.push')[pushed], 60_000, 'export notice');
  expect(JSON.stringify(told.response.view)).toContain(t.exportSent);
  const file = await h.slack.waitFor(
    () =>
      [...h.slack.files.values()].find(
        (f) => f.completed && f.channel === directChannelOf(USERS.coordinator) && !f.user,
      ),
    60_000,
    'the workbook in the DM',
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
  return book;
}

async function share(user: string, book: ExcelJS.Workbook, name = 'listes.xlsx'): Promise<void> {
  await h.driver.shareFile(user, name, Buffer.from(await book.xlsx.writeBuffer()));
}

describe('the lists as a spreadsheet, by direct message', () => {
  it('exports every list and the catalogue; applies a corrected file all at once, refuses a wrong one line by line', async () => {
    h = await startHarness();
    running.harness = h;
    const book = await exported();
    expect(book.worksheets.map((s) => s.name)).toEqual(Object.values(t.sheet));
    const schools = book.getWorksheet(t.sheet.schools) as ExcelJS.Worksheet;
    expect(schools.getRow(1).values).toEqual([
      undefined,
      'Identifiant',
      'Libellé',
      'Niveau',
      'Éducation prioritaire',
      'Archivée',
    ]);
    expect(schools.getRow(2).values).toEqual([
      undefined,
      'mat-jean-mace',
      'École maternelle Jean Macé',
      'Maternelle',
      'REP+',
      'non',
    ]);

    // A wrong file: every wrong line said, in French, and nothing applied.
    schools.addRow(['', 'École Saint-Just', 'Primaire', 'REP', 'non']);
    schools.addRow(['ecole-inconnue', 'École fantôme', 'Maternelle', 'REP', 'non']);
    const neighbourhoods = book.getWorksheet(t.sheet.neighbourhoods) as ExcelJS.Worksheet;
    neighbourhoods.getRow(2).getCell(3).value = 'QPV-12';
    const catalogue = book.getWorksheet(t.sheet.catalogue) as ExcelJS.Worksheet;
    catalogue.getRow(2).getCell(6).value = 18;
    await share(USERS.coordinator, book);
    await h.slack.waitFor(() => dmTexts().some((x) => x.startsWith(t.importRefused(4))), 60_000, 'the report');
    const report = dmTexts().find((x) => x.startsWith(t.importRefused(4))) ?? '';
    const lastSchool = schools.rowCount;
    expect(report).toContain(
      `${t.sheet.schools}, ligne ${lastSchool - 1} : « Primaire » n’est pas une valeur de « Niveau »`,
    );
    expect(report).toContain(`${t.sheet.schools}, ligne ${lastSchool} : l’identifiant « ecole-inconnue » n’existe pas`);
    expect(report).toContain(`${t.sheet.neighbourhoods}, ligne 2 : « QPV-12 » n’est pas un code QPV`);
    expect(report).toContain(`${t.sheet.catalogue}, ligne 2 : « Âge maximum » : un âge entre 2 et 16 ans`);
    expect(await h.app.db.prisma.programmeList.count()).toBe(0);

    // Corrected: a school added, a neighbourhood archived, an action's places; one transaction, then the report.
    schools.getRow(lastSchool - 1).values = ['', 'École Saint-Just', 'Élémentaire', 'REP', 'non'];
    // An emptied row is no row.
    schools.getRow(lastSchool).values = [];
    neighbourhoods.getRow(2).getCell(3).value = '';
    neighbourhoods.getRow(2).getCell(4).value = 'oui';
    catalogue.getRow(2).getCell(6).value = '';
    catalogue.getRow(2).getCell(7).value = 14;
    const actionId = String(catalogue.getRow(2).getCell(1).value);
    await share(USERS.coordinator, book);
    await h.slack.waitFor(() => dmTexts().some((x) => x.startsWith('Tableur appliqué')), 60_000, 'applied');
    const applied = dmTexts().find((x) => x.startsWith('Tableur appliqué')) ?? '';
    expect(applied).toContain(t.importListLine(t.list.schools, 1, 0));
    expect(applied).toContain(t.importListLine(t.list.neighbourhoods, 0, 1));
    expect(applied).toContain(t.importCatalogueLine(0, 1));
    const lists = h.app.lists.all();
    expect(lists.schools.at(-1)).toEqual({
      id: 'ecole-saint-just',
      label: 'École Saint-Just',
      stage: 'elementaire',
      education: 'rep',
    });
    expect(lists.neighbourhoods[0]).toMatchObject({ archived: true });
    expect(await h.app.db.prisma.catalogueAction.findUniqueOrThrow({ where: { id: actionId } })).toMatchObject({
      places: 14,
    });
    expect(await h.app.db.prisma.listChange.count()).toBe(2);

    // Anyone else's file is not read; a file that is not a workbook is refused.
    await h.driver.shareFile(USERS.teacher, 'listes.xlsx', Buffer.from('not a workbook'));
    await h.slack.waitFor(
      () => h.slack.messagesIn(directChannelOf(USERS.teacher)).some((m) => m.text === t.importCoordinatorOnly),
      60_000,
      'the teacher told',
    );
    expect(h.slack.callsTo('file_download').filter((c) => c.status === 200)).toHaveLength(2);
    await h.driver.shareFile(USERS.coordinator, 'compte-rendu.pdf', Buffer.from('%PDF-1.4'));
    await h.slack.waitFor(() => dmTexts().includes(t.importOnlyXlsx), 60_000, 'only xlsx');

    // A message written to the app there is not read, kept or logged: the writer is told what to do instead.
    const written = h.slack.postAsUser(directChannelOf(USERS.teacher), USERS.teacher, 'Léa Martin, 8 ans, absente');
    await h.driver.event({
      type: 'message',
      channel: directChannelOf(USERS.teacher),
      channel_type: 'im',
      user: USERS.teacher,
      text: written.text,
      ts: written.ts,
    });
    await h.slack.waitFor(
      () => h.slack.messagesIn(directChannelOf(USERS.teacher)).some((m) => m.text === t.dmHelp),
      60_000,
      'the writer told',
    );
    expect(h.logs.join('\n')).not.toContain('Léa Martin');
  });
});
