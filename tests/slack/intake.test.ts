import { afterEach, describe, expect, it } from 'vitest';
import { fr } from '../../src/i18n/fr.js';
import { intakeBlocks as b, callbacks } from '../../src/slack/ids.js';
import { plantedValues } from '../support/canary.js';
import { CHANNELS, cardsIn as cards, casePosts, intakeForm, parisYear, USERS } from '../support/fixtures.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

const cardsIn = (harness: Harness) => cards(harness.slack);

describe('intake through Slack', () => {
  it('opens the French modal on /reperage, stores a valid referral encrypted and routes level-2 data only', async () => {
    h = await startHarness();
    const viewId = await h.openIntake(USERS.teacher);
    const opened = h.slack.views.get(viewId);
    expect(opened?.view.callback_id).toBe(callbacks.intake);
    const firstBlock = (opened?.view.blocks as { type: string; elements: { text: string }[] }[] | undefined)?.[0];
    expect(firstBlock?.type).toBe('context');
    expect(firstBlock?.elements[0]?.text).toContain('119');

    const form = intakeForm();
    const res = await h.driver.submitView(viewId, form);
    expect(res.status).toBe(200);
    expect(res.json?.response_action).toBe('update');
    const year = parisYear();
    const reference = `PRE-${year}-0001`;
    expect(JSON.stringify(res.json)).toContain(reference);

    const card = await h.slack.waitFor(() => cardsIn(h)[0], 60_000, 'cellule card');
    const cardText = JSON.stringify(card.blocks);
    expect(cardText).toContain(reference);
    expect(cardText).toContain('6–10 ans');
    expect(cardText).toContain(fr.stage.elementaire);
    expect(cardText).toContain(fr.axis.schooling);
    // Charter level 2 only: not the exact class, the neighbourhood, the services involved, nor the institution.
    for (const tooPrecise of ['CM1', 'Villette – Quatre-Chemins', 'PMI', fr.card.institution, fr.card.services])
      expect(cardText).not.toContain(tooPrecise);
    expect(cardText).toContain(fr.status.referred);
    expect(cardText).toContain(fr.card.take);
    expect(cardText).toContain(fr.card.view);

    const receipt = await h.slack.waitFor(() => h.slack.messagesIn(`D${USERS.teacher.slice(1)}`)[0], 60_000, 'receipt');
    expect(JSON.stringify(receipt.blocks)).toContain(reference);
    // The notice the referrer hands over is in the receipt, with the programme's contact from the lists.
    expect(JSON.stringify(receipt.blocks)).toContain(fr.receipt.noticeIntro.slice(0, 30));
    expect(JSON.stringify(receipt.blocks)).toContain('Caisse des écoles publiques d’Aubervilliers');

    const prisma = h.app.db.prisma;
    const referral = await prisma.referral.findUniqueOrThrow({ where: { reference } });
    expect(referral.axes).toEqual(['schooling', 'health']);
    expect(referral.ageBand).toBe('6-10');
    expect(referral.difficulties).toEqual(['retard-apprentissages', 'absenteisme', 'soins']);
    const events = await prisma.caseEvent.findMany({ where: { referralId: referral.id } });
    expect(events.map((e) => e.type)).toEqual(['referred']);
    const sealed = await prisma.sensitiveValue.findMany({ where: { referralId: referral.id } });
    expect(sealed.map((s) => s.field).sort()).toEqual(
      [
        'birthDate',
        'childFirstName',
        'childLastName',
        'guardianName',
        'guardianPhone',
        'languages',
        'situation',
      ].sort(),
    );
    // No plaintext anywhere in the database: dump every table's rows (all of them, as the catalog lists them) and
    // look for the planted values.
    const tables = await prisma.$queryRaw<{ tablename: string }[]>`
      SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`;
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining([
        'referrals',
        'sensitive_values',
        'case_events',
        'outbox_messages',
        'access_logs',
        'members',
        '_prisma_migrations',
      ]),
    );
    const rows = await Promise.all(
      tables.map(({ tablename }) =>
        prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`),
      ),
    );
    expect(rows.flat().length).toBeGreaterThan(0);
    const dump = rows
      .flat()
      .map((r) => r.row)
      .join('\n');
    for (const value of plantedValues()) expect(dump).not.toContain(value);
  });

  it('answers every faulty field at once, inline and in French, and stores nothing', async () => {
    h = await startHarness();
    const viewId = await h.openIntake();
    const thisYear = parisYear();
    const res = await h.driver.submitView(
      viewId,
      intakeForm({
        [b.birthDate]: `${thisYear}-01-01`,
        [b.guardianPhone]: '12345',
        [b.axes]: [],
        [b['difficulties.schooling']]: ['retard-apprentissages'],
        [b['difficulties.health']]: [],
        [b.situation]: 'trop court',
        [b.childLastName]: '',
        [b.agreementOn]: `${thisYear + 1}-01-01`,
      }),
    );
    expect(res.json?.response_action).toBe('errors');
    const errors = res.json?.errors as Record<string, string>;
    expect(errors[b.birthDate]).toBe(fr.intakeErrors.too_young);
    expect(errors[b.guardianPhone]).toBe(fr.intakeErrors.invalid_phone);
    expect(errors[b.axes]).toBe(fr.intakeErrors.axis_required);
    expect(errors[b['difficulties.schooling']]).toBe(fr.intakeErrors.difficulty_without_axis);
    expect(errors[b.situation]).toBe(fr.intakeErrors.situation_too_short);
    expect(errors[b.childLastName]).toBe(fr.intakeErrors.required);
    expect(errors[b.agreementOn]).toBe(fr.intakeErrors.agreement_in_future);
    expect(await h.app.db.prisma.referral.count()).toBe(0);
    expect(await h.app.db.prisma.outboxMessage.count({ where: { NOT: { dedupeKey: { startsWith: 'digest' } } } })).toBe(
      0,
    );

    // Corrected, the same form goes through; the agreement keeps the day the family gave it at school.
    const ok = await h.driver.submitView(viewId, intakeForm({ [b.agreementOn]: `${thisYear - 1}-09-15` }));
    expect(ok.json?.response_action).toBe('update');
    const referral = await h.app.db.prisma.referral.findFirstOrThrow();
    expect(referral.consentStatus).toBe('given');
    expect(referral.pathway).toMatchObject({
      consent: 'given',
      agreement: { on: `${thisYear - 1}-09-15`, form: 'written', version: 1, atReferral: true },
    });
  });

  it('creates exactly one case when the same view is submitted twice, even at once', async () => {
    h = await startHarness();
    const viewId = await h.openIntake();
    const form = intakeForm();
    const payload = h.driver.viewSubmissionPayload(viewId, form);
    const body = h.driver.interactiveBody(payload);
    // Each delivery signed anew, as Slack signs each attempt (the same signature twice is a replay: app.test.ts).
    const now = Math.floor(Date.now() / 1000);
    const [a, c] = await Promise.all([
      h.driver.send(body, { timestamp: now }),
      h.driver.send(body, { timestamp: now - 1 }),
    ]);
    const again = await h.driver.send(body, {
      timestamp: now - 2,
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'timeout' },
    });
    for (const r of [a, c, again]) expect(r.json?.response_action).toBe('update');
    expect(await h.app.db.prisma.referral.count()).toBe(1);
    await h.outboxDrained();
    expect(cardsIn(h)).toHaveLength(1);
    expect(casePosts(h.slack)).toHaveLength(2);
  });

  it('keeps the referral when Slack fails, and delivers the card and the receipt once Slack answers', async () => {
    h = await startHarness();
    await h.outboxDrained(); // whatever the start posted (a digest due this week) is out of the way
    const from = h.slack.calls.length;
    // Two 503s, then two 429s: faults queue, and each one must be served.
    h.slack.inject('chat.postMessage', { status: 503, times: 2 });
    h.slack.inject('chat.postMessage', { status: 429, retryAfterSeconds: 1, times: 2 });
    const viewId = await h.openIntake();
    const res = await h.driver.submitView(viewId, intakeForm());
    expect(res.json?.response_action).toBe('update');
    expect(await h.app.db.prisma.referral.count()).toBe(1);
    expect(cardsIn(h)).toHaveLength(0);
    await h.outboxDrained();
    expect(h.slack.unservedFaults()).toEqual([]);
    const statuses = h.slack.calls
      .slice(from)
      .filter((c) => c.method === 'chat.postMessage')
      .map((c) => c.status);
    expect(statuses.slice(0, 4)).toEqual([503, 503, 429, 429]);
    expect(h.slack.messagesIn(`D${USERS.teacher.slice(1)}`)).toHaveLength(1);
    expect(cardsIn(h)).toHaveLength(1);
    expect(casePosts(h.slack)).toHaveLength(2);
  });

  it('answers a database failure in the modal and writes nothing partial', async () => {
    h = await startHarness();
    // Make the last insert of the transaction fail, after the case and its values were written.
    await h.app.db.withRawSession(async (s) => {
      await s.exec(`CREATE FUNCTION fail_insert() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER fail_events BEFORE INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION fail_insert();`);
    });
    const viewId = await h.openIntake();
    const res = await h.driver.submitView(viewId, intakeForm());
    expect(res.json?.response_action).toBe('errors');
    expect(Object.values(res.json?.errors as object)).toContain(fr.submitFailed);
    const prisma = h.app.db.prisma;
    expect(await prisma.referral.count()).toBe(0);
    expect(await prisma.sensitiveValue.count()).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { NOT: { dedupeKey: { startsWith: 'digest' } } } })).toBe(0);
    expect(await prisma.referenceCounter.count()).toBe(0);
    expect(h.logs.some((l) => l.includes('disk full'))).toBe(false);

    await h.app.db.withRawSession((s) => s.exec('DROP TRIGGER fail_events ON case_events'));
    const retry = await h.driver.submitView(viewId, intakeForm());
    expect(retry.json?.response_action).toBe('update');
    expect(JSON.stringify(retry.json)).toContain(`PRE-${parisYear()}-0001`);
  });

  it('explains itself on /reperage aide and opens the same modal from both shortcuts', async () => {
    h = await startHarness();
    const help = await h.driver.slashCommand(USERS.teacher, 'aide');
    expect(help.json?.text).toBe(fr.help);
    expect(help.json?.response_type).toBe('ephemeral');
    const unknown = await h.driver.slashCommand(USERS.teacher, 'Jean Dupont');
    expect(unknown.json?.text).toBe(fr.unknownCommand);

    await h.driver.globalShortcut(USERS.teacher, callbacks.newReferralShortcut);
    await h.slack.waitFor(() => h.slack.accepted('views.open').length === 1, 60_000, 'modal from shortcut');
    await h.driver.messageShortcut(
      USERS.teacher,
      callbacks.referFromMessageShortcut,
      'Élève souvent absent le lundi.',
      CHANNELS.schooling,
    );
    const call = await h.slack.waitFor(() => h.slack.accepted('views.open')[1], 60_000, 'modal from message');
    const situation = ((call.args.view as string) ?? '').includes('Élève souvent absent le lundi.');
    expect(situation).toBe(true);
    // Its author is told, privately, that the message may hold nominative data and should go.
    const told = await h.slack.waitFor(() => h.slack.accepted('chat.postEphemeral')[0], 60_000, 'author told');
    expect(told.args).toMatchObject({ channel: CHANNELS.schooling, user: 'UOTHER001', text: fr.messageAuthorNotice });
    // The text waits in the form while the first question is answered, whatever the answer.
    const viewId = String((call.response.view as { id: string }).id);
    await h.driver.chooseInView(USERS.teacher, viewId, b.familyAgreement, 'informed');
    const redrawn = await h.slack.waitFor(() => h.slack.accepted('views.update')[0], 60_000, 'form redrawn');
    expect(String(redrawn.args.view)).toContain('Élève souvent absent le lundi.');
    expect(String(redrawn.args.view)).not.toContain(b.childFirstName);
  });

  it('prefills the referrer from what the app knows of that user', async () => {
    h = await startHarness();
    const first = await h.openIntake(USERS.socialWorker);
    await h.driver.submitView(
      first,
      intakeForm({ [b.referrerInstitution]: 'en-social', [b.referrerRole]: 'AS scolaire' }),
    );
    // Remembered just after Slack got its answer (off the intake's critical path).
    await expect
      .poll(
        async () => (await h.app.db.prisma.member.findUnique({ where: { slackUserId: USERS.socialWorker } }))?.jobTitle,
        {
          timeout: 60_000,
        },
      )
      .toBe('AS scolaire');
    const second = await h.openIntake(USERS.socialWorker);
    const blocks = h.slack.views.get(second)?.view.blocks as { block_id?: string; element?: Record<string, unknown> }[];
    const institution = blocks.find((x) => x.block_id === b.referrerInstitution)?.element;
    const role = blocks.find((x) => x.block_id === b.referrerRole)?.element;
    expect((institution?.initial_option as { value: string } | undefined)?.value).toBe('en-social');
    expect(role?.initial_value).toBe('AS scolaire');
  });
});
