import { describe, expect, it } from 'vitest';
import { segmentWords } from './segment.ts';

describe('segmentWords', () => {
  it('keeps policy terms whole', () => {
    const words = segmentWords('持续推进以武鄂黄黄为核心的武汉都市圈同城一体化发展，加快发展新质生产力');
    expect(words).toEqual(expect.arrayContaining(['武鄂黄黄', '都市圈', '新质生产力']));
    expect(words.join('')).toBe('持续推进以武鄂黄黄为核心的武汉都市圈同城一体化发展，加快发展新质生产力');
  });
});
