/**
 * Word segmentation with jieba on Simplified text, plus a small dictionary of policy terms. Loading jieba's
 * dictionary takes about a quarter of a second, so it happens once, on first use, and decompose() never needs it.
 */
import { createRequire } from 'node:module';

type JiebaModule = typeof import('@node-rs/jieba');
type Jieba = InstanceType<JiebaModule['Jieba']>;

/** Terms jieba's general dictionary splits wrongly; frequency high enough to win over their parts. */
export const POLICY_TERMS = [
  '武鄂黄黄', '都市圈', '新质生产力', '高质量发展', '中国式现代化', '两个确立', '两个维护', '四个意识', '四个自信',
  '四化同步', '稳中求进', '先立后破', '以进促稳', '千万工程', '接诉即办', '京津冀', '一带一路', '双循环', '专精特新',
  '放管服', '一老一小', '城中村', '好房子', '新型工业化', '新型城镇化', '乡村振兴', '统一大市场', '营商环境',
  '碳达峰', '碳中和', '数字经济', '人工智能', '国之大者', '双集中', '新发展格局', '新发展理念', '供给侧结构性改革',
];

let instance: Jieba | null = null;

function load(): Jieba {
  if (instance) return instance;
  // createRequire keeps the native module and its 5 MB dictionary out of the import graph until needed.
  const require = createRequire(import.meta.url);
  const { Jieba } = require('@node-rs/jieba') as JiebaModule;
  const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(new TextEncoder().encode(POLICY_TERMS.map((t) => `${t} 100000 n`).join('\n')));
  instance = jieba;
  return jieba;
}

/** Splits Simplified text into words. */
export function segmentWords(text: string): string[] {
  return load().cut(text, false);
}
