import { describe, expect, it } from 'vitest';
import { decompose } from './index.ts';

describe('places and bodies', () => {
  it('names places and bodies in the original script', () => {
    const text = '重点做好以下工作。一要推动区域发展，高标准建设武漢新城、長江新區、軍山新城，持續推進以武鄂黃黃為核心的武漢都市圈同城一體化發展。二要支持北京證券交易所加强服务，服务党中央决策。';
    const d = decompose(text);
    const [first, second] = d.items;
    const places = first?.children.flatMap((c) => c.places);
    expect(places).toEqual(expect.arrayContaining(['武漢新城', '長江新區', '軍山新城', '武漢都市圈']));
    expect(second?.bodies).toEqual(expect.arrayContaining(['北京證券交易所', '党中央']));
  });
});
