import { describe, expect, it } from 'vitest';
import { DEFAULT_LISTS_FILE } from '../../src/config.js';
import { ageOn, localDay } from '../../src/domain/dates.js';
import { ageBandOf, normalisePhone, stageOfClass, validateIntake } from '../../src/domain/referral.js';
import { loadLists } from '../../src/lists-file.js';
import { intakeValues } from '../support/fixtures.js';

const lists = loadLists(DEFAULT_LISTS_FILE);
const today = '2026-11-28';
const check = (overrides: Parameters<typeof intakeValues>[0]) =>
  validateIntake(intakeValues(overrides, today), { today, lists });

describe('the referral schema', () => {
  it('accepts a complete referral and splits level 1 from level 2', () => {
    const result = check({});
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.form.facts).toMatchObject({
      ageBand: '6-10',
      schoolStage: 'elementaire',
      axes: ['schooling', 'health'],
      difficulties: ['retard-apprentissages', 'soins'],
      interpreterNeeded: true,
    });
    expect(Object.keys(result.form.facts)).not.toContain('childFirstName');
    if (result.form.kind !== 'referral') throw new Error('a referral with the family’s agreement');
    expect(result.form.identity.guardianPhone).toBe('06 48 27 93 15');
  });

  it('judges the age on the day it is given, the same lists asked on another day', () => {
    // Born 2010-11-29: 15 on 2026-11-28, 16 on 2026-11-29, 17 on 2027-11-29 (the schema is kept for a day only).
    const on = (day: string) =>
      validateIntake(intakeValues({ birthDate: '2010-11-29' }, day), { today: day, lists }).ok;
    expect([on('2026-11-28'), on('2027-11-29'), on('2026-11-29'), on('2027-11-29')]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it.each([
    ['2024-11-28', true], // 2 today
    ['2024-11-29', false], // 2 tomorrow
    ['2009-11-29', true], // 16 until tomorrow
    ['2009-11-28', false], // 17 today
  ])('judges age 2 to 16 inclusive on the submission day (born %s → %s)', (birthDate, ok) => {
    expect(check({ birthDate }).ok).toBe(ok);
  });

  it('refuses a birth date in the future or not a real day', () => {
    expect(check({ birthDate: '2026-11-29' })).toMatchObject({ ok: false, errors: { birthDate: 'birth_in_future' } });
    expect(check({ birthDate: '2016-02-30' })).toMatchObject({ ok: false, errors: { birthDate: 'invalid_date' } });
  });

  it('keeps the family’s agreement as the referrer received it: its form, and its day, earlier but never to come', () => {
    const agreed = (overrides: Parameters<typeof intakeValues>[0]) => {
      const result = check(overrides);
      if (!result.ok || result.form.kind !== 'referral') throw new Error(JSON.stringify(result));
      return result.form.agreement;
    };
    expect(agreed({})).toEqual({ on: today, form: 'written' });
    expect(agreed({ familyAgreement: 'agreed_oral', agreementOn: '2026-11-20' })).toEqual({
      on: '2026-11-20',
      form: 'oral',
    });
    expect(check({ agreementOn: '2026-11-29' })).toMatchObject({ errors: { agreementOn: 'agreement_in_future' } });
    expect(check({ agreementOn: '2026-02-30' })).toMatchObject({ errors: { agreementOn: 'invalid_date' } });
    // A situation à examiner has no agreement to date: the day is not read.
    const situation = check({ familyAgreement: 'informed', ageBand: '6-10', agreementOn: '2026-11-29' });
    expect(situation).toMatchObject({ ok: true, form: { kind: 'pre_referral' } });
  });

  it('caps names at 80 characters and requires them', () => {
    expect(check({ childFirstName: 'x'.repeat(81) })).toMatchObject({ errors: { childFirstName: 'too_long' } });
    expect(check({ childLastName: '   ' })).toMatchObject({ errors: { childLastName: 'required' } });
    expect(check({ childFirstName: 'x'.repeat(80) }).ok).toBe(true);
  });

  it('needs an axis, a situation of 20 characters, "aucun" alone, and a school name for "autre"', () => {
    expect(check({ axes: [], difficulties: {} })).toMatchObject({ errors: { axes: 'axis_required' } });
    expect(check({ situation: 'x'.repeat(19) })).toMatchObject({ errors: { situation: 'situation_too_short' } });
    expect(check({ services: ['none', 'pmi'] })).toMatchObject({ errors: { services: 'none_with_services' } });
    expect(check({ schoolId: 'autre' })).toMatchObject({ errors: { schoolOther: 'school_other_required' } });
    const other = check({ schoolId: 'autre', schoolOther: 'École privée', classLevel: '5e' });
    expect(other.ok && other.form.facts.schoolStage).toBe('college');
  });

  it('refuses ids that are not in the lists', () => {
    expect(check({ schoolId: 'nowhere' })).toMatchObject({ errors: { schoolId: 'invalid_choice' } });
    expect(check({ difficulties: { schooling: ['made-up'] } })).toMatchObject({
      errors: { 'difficulties.schooling': 'invalid_choice' },
    });
    expect(check({ classLevel: 'master' as never })).toMatchObject({ ok: false });
  });
});

describe('helpers', () => {
  it('recognises French phone numbers as people type them', () => {
    expect(normalisePhone('06.12.34.56.78')).toBe('06 12 34 56 78');
    expect(normalisePhone('+33 6 12 34 56 78')).toBe('06 12 34 56 78');
    expect(normalisePhone('0033612345678')).toBe('06 12 34 56 78');
    expect(normalisePhone('01 48 39 52 00')).toBe('01 48 39 52 00');
    expect(normalisePhone('00 12 34 56 78')).toBeUndefined();
    expect(normalisePhone('0612')).toBeUndefined();
  });

  it('maps ages to bands and classes to school stages', () => {
    expect([2, 5, 6, 10, 11, 13, 14, 16].map(ageBandOf)).toEqual([
      '2-5',
      '2-5',
      '6-10',
      '6-10',
      '11-13',
      '11-13',
      '14-16',
      '14-16',
    ]);
    expect(stageOfClass('gs')).toBe('maternelle');
    expect(stageOfClass('cp')).toBe('elementaire');
    expect(stageOfClass('3e')).toBe('college');
    expect(stageOfClass('non_scolarise')).toBe('autre');
  });

  it('takes the day in Paris, not on the server (23:30 UTC on 31 Dec is already 1 Jan in Paris)', () => {
    expect(localDay(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris')).toBe('2027-01-01');
    expect(ageOn('2012-02-29', '2026-02-28')).toBe(13);
    expect(ageOn('2012-02-29', '2026-03-01')).toBe(14);
  });
});
