/**
 * The light of 传达学习 against its deadline, in the style of the task lights: each expected unit gets a colour with
 * the reason in words, and a campaign rolls its units up (worst colour, counts). Pure; the caller passes `now`.
 *
 * - red: not recorded (missing, or the record was returned) and the deadline day has passed;
 * - yellow: not recorded and the deadline is within `RELAY_YELLOW_DAYS` days (the day of the first reminder);
 * - green: recorded (on time, or late — it then says how late: there is nothing left to chase), or not yet due.
 */
import { daysBetween, toLocalDate, DEFAULT_TZ, type IsoDate } from '../time.ts';
import { RELAY_REMIND_DAYS_BEFORE } from './index.ts';

export type RelayColour = 'red' | 'yellow' | 'green';
export type RelayHealthCode = 'overdue' | 'due_soon' | 'not_due' | 'recorded_on_time' | 'recorded_late';

/** Yellow from the day of the first reminder before the deadline. */
export const RELAY_YELLOW_DAYS: number = RELAY_REMIND_DAYS_BEFORE[0];

export interface LocalisedText {
  'zh-Hans': string;
  'zh-Hant': string;
  en: string;
}

export interface RelayUnitFacts {
  status: 'missing' | 'submitted' | 'returned';
  /** When the unit first submitted its record (on-time is judged on that day); null while missing. */
  firstSubmittedAt: Date | null;
}

export interface RelayUnitHealth {
  colour: RelayColour;
  code: RelayHealthCode;
  /** Days overdue (overdue, recorded_late) or left (due_soon, not_due). */
  days: number;
  /** The record was returned and counts as not recorded. */
  returned: boolean;
  reason: LocalisedText;
  /** The colour's name and the reason: 红灯：逾期3天未报传达学习记录. */
  summary: LocalisedText;
}

const LABELS: Readonly<Record<RelayColour, LocalisedText>> = {
  red: { 'zh-Hans': '红灯', 'zh-Hant': '紅燈', en: 'Red' },
  yellow: { 'zh-Hans': '黄灯', 'zh-Hant': '黃燈', en: 'Yellow' },
  green: { 'zh-Hans': '绿灯', 'zh-Hant': '綠燈', en: 'Green' },
};
const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
const COLON = { 'zh-Hans': '：', 'zh-Hant': '：', en: ': ' } as const;
const COMMA = { 'zh-Hans': '，', 'zh-Hant': '，', en: ', ' } as const;
const SEVERITY: Readonly<Record<RelayColour, number>> = { green: 0, yellow: 1, red: 2 };

const enDays = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

function words(code: RelayHealthCode, days: number, returned: boolean): LocalisedText {
  const text: LocalisedText = (() => {
    switch (code) {
      case 'overdue':
        return { 'zh-Hans': `逾期${days}天未报传达学习记录`, 'zh-Hant': `逾期${days}天未報傳達學習記錄`, en: `no relay record, ${enDays(days)} overdue` };
      case 'due_soon':
        return days === 0
          ? { 'zh-Hans': '今天截止，尚未报传达学习记录', 'zh-Hant': '今天截止，尚未報傳達學習記錄', en: 'due today, no relay record yet' }
          : { 'zh-Hans': `距截止${days}天，尚未报传达学习记录`, 'zh-Hant': `距截止${days}天，尚未報傳達學習記錄`, en: `due in ${enDays(days)}, no relay record yet` };
      case 'not_due':
        return { 'zh-Hans': `距截止${days}天`, 'zh-Hant': `距截止${days}天`, en: `due in ${enDays(days)}` };
      case 'recorded_on_time':
        return { 'zh-Hans': '已按时报传达学习记录', 'zh-Hant': '已按時報傳達學習記錄', en: 'relay recorded on time' };
      case 'recorded_late':
        return { 'zh-Hans': `已报传达学习记录（逾期${days}天）`, 'zh-Hant': `已報傳達學習記錄（逾期${days}天）`, en: `relay recorded ${enDays(days)} late` };
    }
  })();
  if (!returned) return text;
  return { 'zh-Hans': `记录被退回，${text['zh-Hans']}`, 'zh-Hant': `記錄被退回，${text['zh-Hant']}`, en: `record returned, ${text.en}` };
}

function labelled(colour: RelayColour, text: LocalisedText): LocalisedText {
  const out = {} as LocalisedText;
  for (const loc of LOCALES) out[loc] = `${LABELS[colour][loc]}${COLON[loc]}${text[loc]}`;
  return out;
}

function health(colour: RelayColour, code: RelayHealthCode, days: number, returned: boolean): RelayUnitHealth {
  const reason = words(code, days, returned);
  return { colour, code, days, returned, reason, summary: labelled(colour, reason) };
}

/**
 * One expected unit's light on the day of `now` (in `tz`): a returned record counts as not recorded; a submitted
 * one is judged by the local day of its first submission, as the coverage's on-time flag is.
 */
export function relayUnitHealth(facts: RelayUnitFacts, deadline: IsoDate, now: Date, tz: string = DEFAULT_TZ): RelayUnitHealth {
  if (facts.status === 'submitted' && facts.firstSubmittedAt) {
    const late = daysBetween(deadline, toLocalDate(facts.firstSubmittedAt, tz));
    return late > 0 ? health('green', 'recorded_late', late, false) : health('green', 'recorded_on_time', 0, false);
  }
  const returned = facts.status === 'returned';
  const left = daysBetween(toLocalDate(now, tz), deadline);
  if (left < 0) return health('red', 'overdue', -left, returned);
  if (left <= RELAY_YELLOW_DAYS) return health('yellow', 'due_soon', left, returned);
  return health('green', 'not_due', left, returned);
}

export interface RelayCampaignHealth {
  /** The worst unit's colour; null when no unit is expected. */
  colour: RelayColour | null;
  counts: Record<RelayColour, number>;
  /** 红灯：2个单位逾期未报，已报3/5. */
  summary: LocalisedText;
}

/**
 * A campaign's roll-up: the worst colour of its units, how many units have each colour, and one line of words
 * (units overdue, units due soon, how many of the expected have recorded).
 */
export function relayCampaignHealth(units: ReadonlyArray<Pick<RelayUnitHealth, 'colour' | 'code'>>): RelayCampaignHealth {
  const counts: Record<RelayColour, number> = { red: 0, yellow: 0, green: 0 };
  let colour: RelayColour | null = null;
  for (const u of units) {
    counts[u.colour] += 1;
    if (colour === null || SEVERITY[u.colour] > SEVERITY[colour]) colour = u.colour;
  }
  const recorded = units.filter((u) => u.code === 'recorded_on_time' || u.code === 'recorded_late').length;
  const parts: LocalisedText[] = [];
  if (counts.red) parts.push({ 'zh-Hans': `${counts.red}个单位逾期未报`, 'zh-Hant': `${counts.red}個單位逾期未報`, en: `${counts.red} unit${counts.red === 1 ? '' : 's'} overdue` });
  if (counts.yellow) parts.push({ 'zh-Hans': `${counts.yellow}个单位临近截止未报`, 'zh-Hant': `${counts.yellow}個單位臨近截止未報`, en: `${counts.yellow} unit${counts.yellow === 1 ? '' : 's'} due soon` });
  parts.push({ 'zh-Hans': `已报${recorded}/${units.length}`, 'zh-Hant': `已報${recorded}/${units.length}`, en: `${recorded} of ${units.length} recorded` });
  const body = {} as LocalisedText;
  for (const loc of LOCALES) body[loc] = parts.map((p) => p[loc]).join(COMMA[loc]);
  return { colour, counts, summary: colour ? labelled(colour, body) : body };
}
