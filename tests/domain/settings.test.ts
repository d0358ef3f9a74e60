import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  digestScheduleOf,
  parseRecorded,
  readTyped,
  SETTING_KEYS,
  SETTING_KINDS,
  settingsInForce,
  valueSchema,
  weeklyOf,
} from '../../src/domain/settings.js';

const http = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12345' };
const CHANNELS = {
  PRE_CELLULE_CHANNEL: 'CCELL0001',
  PRE_GROUP_SCHOOLING_CHANNEL: 'CSCHO0001',
  PRE_GROUP_PARENTING_CHANNEL: 'CPARE0001',
  PRE_GROUP_HEALTH_CHANNEL: 'CHEAL0001',
};

describe('the programme’s settings', () => {
  it('share their bounds with the environment: a value either accepts, the other accepts too', () => {
    for (const key of SETTING_KEYS) {
      const k: (typeof SETTING_KINDS)[typeof key] = SETTING_KINDS[key];
      if (k.kind !== 'integer' || k.env === 'PRE_DIGEST_CRON') continue;
      for (const n of [k.min - 1, k.min, k.max, k.max + 1]) {
        const inBounds = n >= k.min && n <= k.max;
        expect(valueSchema(key).safeParse(n).success, `${key} ${n}`).toBe(inBounds);
        expect(readTyped(key, String(n)) !== undefined, `${key} typed ${n}`).toBe(inBounds);
        let accepted = true;
        try {
          loadConfig({ ...http, [k.env]: String(n) });
        } catch {
          accepted = false;
        }
        expect(accepted, `${k.env}=${n}`).toBe(inBounds);
      }
      expect(loadConfig(http).settingDefaults[key]).toBe(k.default);
    }
  });

  it('read what a form sends for each kind, and nothing else', () => {
    expect(readTyped('oralConsentDays', ' 21 ')).toBe(21);
    expect(readTyped('oralConsentDays', '2.5')).toBeUndefined();
    expect(readTyped('oralConsentDays', '-3')).toBeUndefined();
    expect(readTyped('digestWeekday', '7')).toBe(7);
    expect(readTyped('digestWeekday', '8')).toBeUndefined();
    expect(readTyped('digestsEnabled', 'off')).toBe(false);
    expect(readTyped('digestsEnabled', 'yes')).toBeUndefined();
    expect(readTyped('erasureMode', 'automatic')).toBe('automatic');
    expect(readTyped('erasureMode', 'never')).toBeUndefined();
    expect(readTyped('celluleChannel', 'C0123ABCD')).toBe('C0123ABCD');
    expect(readTyped('celluleChannel', 'general')).toBeUndefined();
  });

  it('take a recorded value over the default, and ignore a stored row that no longer parses', () => {
    const defaults = loadConfig(http).settingDefaults;
    const { recorded, ignored } = parseRecorded([
      { key: 'reviewMonths', value: 6 },
      { key: 'minCell', value: 1 },
      { key: 'retired', value: true },
    ]);
    expect(recorded).toEqual({ reviewMonths: 6 });
    expect(ignored.sort()).toEqual(['minCell', 'retired']);
    const values = settingsInForce(defaults, recorded);
    expect(values.reviewMonths).toBe(6);
    expect(values.minCell).toBe(3);
  });

  it('keep the environment’s digest schedule until the coordinator sets a day or an hour', () => {
    const defaults = loadConfig({ ...http, PRE_DIGEST_CRON: '30 8 * * 5' }).settingDefaults;
    expect([defaults.digestWeekday, defaults.digestHour]).toEqual([5, 8]);
    expect(digestScheduleOf(defaults, {}, '30 8 * * 5')).toBe('30 8 * * 5');
    const sunday = settingsInForce(defaults, { digestWeekday: 7 });
    expect(digestScheduleOf(sunday, { digestWeekday: 7 }, '30 8 * * 5')).toBe('30 8 * * 0');
    // An expression that is not weekly stays in force; the form shows the built-in day and hour.
    expect(weeklyOf('0 9 1 * *')).toBeUndefined();
    expect(digestScheduleOf(loadConfig(http).settingDefaults, {}, '0 9 1 * *')).toBe('0 9 1 * *');
  });

  it('publish the digests by default only where the environment gives every channel', () => {
    expect(loadConfig(http).settingDefaults.digestsEnabled).toBe(false);
    expect(loadConfig({ ...http, ...CHANNELS }).settingDefaults.digestsEnabled).toBe(true);
    expect(loadConfig({ ...http, ...CHANNELS, PRE_DIGESTS: 'off' }).settingDefaults.digestsEnabled).toBe(false);
    expect(loadConfig({ ...http, PRE_DIGESTS: 'on' }).settingDefaults.digestsEnabled).toBe(true);
  });
});
