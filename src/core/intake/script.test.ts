import { describe, expect, it } from 'vitest';
import { detectScript, toScript } from './script.ts';

describe('detectScript', () => {
  it.each([
    ['加快建设国际消费中心城市，稳定和扩大传统消费。', 'hans'],
    ['加快建設國際消費中心城市，穩定和擴大傳統消費。', 'hant'],
    // Machine-converted Traditional keeps 干部, 于, 并, 后: shared forms do not make it mixed.
    ['全市干部群眾于年底前并後續推進發展，先立后破，鬥爭精神。', 'hant'],
    ['加快建设国际消费中心城市，稳定和扩大传统消费。加快建設國際消費中心城市，穩定和擴大傳統消費。', 'mixed'],
    ['中国', 'hans'],
    ['', 'hans'],
  ])('%s → %s', (text, script) => expect(detectScript(text)).toBe(script));
});

describe('toScript', () => {
  it('shows text in the reader’s script', () => {
    expect(toScript('着力推动高质量发展，干部', 'hant')).toBe('著力推動高質量發展，幹部');
    expect(toScript('著力推動高質量發展，衞生', 'hans')).toBe('着力推动高质量发展，卫生');
  });
});
