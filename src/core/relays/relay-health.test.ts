import { Converter } from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { relayCampaignHealth, relayUnitHealth, type RelayUnitFacts } from './relay-health.ts';

const DEADLINE = '2024-03-16';
// 10:00 in Shanghai on the given local day.
const at = (day: string) => new Date(`${day}T02:00:00.000Z`);
const missing: RelayUnitFacts = { status: 'missing', firstSubmittedAt: null };
const returned: RelayUnitFacts = { status: 'returned', firstSubmittedAt: at('2024-03-10') };

describe('relay health of one unit', () => {
  it.each([
    // [local day, facts, colour, code, days, zh-Hans summary]
    ['2024-03-01', missing, 'green', 'not_due', 15, '绿灯：距截止15天'],
    ['2024-03-12', missing, 'green', 'not_due', 4, '绿灯：距截止4天'],
    ['2024-03-13', missing, 'yellow', 'due_soon', 3, '黄灯：距截止3天，尚未报传达学习记录'],
    ['2024-03-14', missing, 'yellow', 'due_soon', 2, '黄灯：距截止2天，尚未报传达学习记录'],
    ['2024-03-16', missing, 'yellow', 'due_soon', 0, '黄灯：今天截止，尚未报传达学习记录'],
    ['2024-03-17', missing, 'red', 'overdue', 1, '红灯：逾期1天未报传达学习记录'],
    ['2024-03-19', missing, 'red', 'overdue', 3, '红灯：逾期3天未报传达学习记录'],
    ['2024-03-19', returned, 'red', 'overdue', 3, '红灯：记录被退回，逾期3天未报传达学习记录'],
    ['2024-03-14', returned, 'yellow', 'due_soon', 2, '黄灯：记录被退回，距截止2天，尚未报传达学习记录'],
    ['2024-03-30', { status: 'submitted', firstSubmittedAt: at('2024-03-16') }, 'green', 'recorded_on_time', 0, '绿灯：已按时报传达学习记录'],
    ['2024-03-30', { status: 'submitted', firstSubmittedAt: at('2024-03-18') }, 'green', 'recorded_late', 2, '绿灯：已报传达学习记录（逾期2天）'],
  ] as const)('on %s, %o is %s (%s)', (day, facts, colour, code, days, summary) => {
    const h = relayUnitHealth(facts, DEADLINE, at(day));
    expect(h).toMatchObject({ colour, code, days, returned: facts.status === 'returned' });
    expect(h.summary['zh-Hans']).toBe(summary);
  });

  it('counts days in Shanghai: 23:30 there on the deadline day is yellow, 00:30 the next day is red', () => {
    expect(relayUnitHealth(missing, DEADLINE, new Date('2024-03-16T15:30:00.000Z')).colour).toBe('yellow');
    expect(relayUnitHealth(missing, DEADLINE, new Date('2024-03-16T16:30:00.000Z'))).toMatchObject({ colour: 'red', days: 1 });
    // A record sent at 23:30 local time on the deadline day was on time, though it is already the 16th in UTC only.
    expect(relayUnitHealth({ status: 'submitted', firstSubmittedAt: new Date('2024-03-16T15:30:00.000Z') }, DEADLINE, at('2024-04-01')).code).toBe('recorded_on_time');
    expect(relayUnitHealth({ status: 'submitted', firstSubmittedAt: new Date('2024-03-16T16:30:00.000Z') }, DEADLINE, at('2024-04-01')).code).toBe('recorded_late');
    // Another zone, named by the caller.
    expect(relayUnitHealth(missing, DEADLINE, new Date('2024-03-16T16:30:00.000Z'), 'UTC').colour).toBe('yellow');
  });

  it('says it in three languages, the traditional text being the OpenCC conversion of the simplified one', () => {
    const toTraditional = Converter({ from: 'cn', to: 'tw' });
    const samples = [
      relayUnitHealth(missing, DEADLINE, at('2024-03-19')),
      relayUnitHealth(returned, DEADLINE, at('2024-03-14')),
      relayUnitHealth(missing, DEADLINE, at('2024-03-16')),
      relayUnitHealth({ status: 'submitted', firstSubmittedAt: at('2024-03-18') }, DEADLINE, at('2024-03-30')),
      relayUnitHealth({ status: 'submitted', firstSubmittedAt: at('2024-03-10') }, DEADLINE, at('2024-03-30')),
    ];
    for (const h of samples) expect(h.summary['zh-Hant']).toBe(toTraditional(h.summary['zh-Hans']));
    expect(samples[0]!.summary.en).toBe('Red: no relay record, 3 days overdue');
    expect(samples[2]!.summary.en).toBe('Yellow: due today, no relay record yet');
    expect(samples[3]!.summary.en).toBe('Green: relay recorded 2 days late');
  });
});

describe('relay health of a campaign', () => {
  it('takes the worst colour, counts the units and says how many recorded', () => {
    const now = at('2024-03-19');
    const units = [
      relayUnitHealth(missing, DEADLINE, now),
      relayUnitHealth(returned, DEADLINE, now),
      relayUnitHealth({ status: 'submitted', firstSubmittedAt: at('2024-03-12') }, DEADLINE, now),
    ];
    const h = relayCampaignHealth(units);
    expect(h).toMatchObject({ colour: 'red', counts: { red: 2, yellow: 0, green: 1 } });
    expect(h.summary).toEqual({ 'zh-Hans': '红灯：2个单位逾期未报，已报1/3', 'zh-Hant': '紅燈：2個單位逾期未報，已報1/3', en: 'Red: 2 units overdue, 1 of 3 recorded' });
    const soon = relayCampaignHealth([relayUnitHealth(missing, DEADLINE, at('2024-03-15')), relayUnitHealth(missing, '2024-03-01', at('2024-03-15'))]);
    expect(soon.summary['zh-Hans']).toBe('红灯：1个单位逾期未报，1个单位临近截止未报，已报0/2');
    expect(relayCampaignHealth(units.slice(2)).summary['zh-Hans']).toBe('绿灯：已报1/1');
    expect(relayCampaignHealth([])).toMatchObject({ colour: null, counts: { red: 0, yellow: 0, green: 0 }, summary: { 'zh-Hans': '已报0/0' } });
    const toTraditional = Converter({ from: 'cn', to: 'tw' });
    expect(soon.summary['zh-Hant']).toBe(toTraditional(soon.summary['zh-Hans']));
  });
});
