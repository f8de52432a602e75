import { describe, expect, it } from 'vitest';
import { classifyClause } from './classify.ts';

describe('classifyClause', () => {
  it.each([
    // deployments: an action on an object a unit can own
    ['加快建设国际消费中心城市', 'deployment'],
    ['坚决扛起粮食安全政治责任', 'deployment'],
    ['统筹做好就业、社保、教育、医疗、住房、养老、扶幼等各方面工作', 'deployment'],
    ['抓好安全生产、防灾减灾、社会治安综合治理等工作', 'deployment'],
    ['进一步加强经济宣传和舆论引导', 'deployment'],
    ['坚持招大引强和培育中小企业相结合', 'deployment'],
    ['发挥“一核”辐射带动作用', 'deployment'],
    ['培育外贸新动能', 'deployment'],
    // requirements and attitudes
    ['正视困难和问题', 'requirement'],
    ['坚定信心和决心', 'requirement'],
    ['胸怀“国之大者”', 'requirement'],
    ['切实增强做好经济工作的责任感使命感', 'requirement'],
    ['深入学习领会习近平经济思想', 'requirement'],
    ['坚持和加强党对经济工作的全面领导', 'requirement'],
    ['高质量落实好党中央对经济工作的重大决策部署', 'requirement'],
    ['把推进中国式现代化作为最大的政治', 'requirement'],
    ['正确处理好政府和市场、国企和民企、财政与金融等关系', 'requirement'],
    ['坚定不移走生产发展、生活富裕、生态良好的文明发展道路', 'requirement'],
    ['充分发挥各级党委（党组）总揽全局、协调各方的作用', 'requirement'],
    ['做好岁末年初各项工作', 'requirement'],
    ['着力提升领导经济工作的能力', 'requirement'],
    ['担当主力军', 'requirement'],
    // outcomes
    ['塑造发展新动能新优势', 'outcome'],
    ['不断增强人民群众获得感幸福感安全感', 'outcome'],
    ['巩固和增强经济回升向好态势', 'outcome'],
    ['推动发展和安全动态平衡、相得益彰', 'outcome'],
    ['全力维护社会大局稳定', 'outcome'],
    ['确保“一江碧水向东流”', 'outcome'],
    ['努力为全国全省发展多作贡献', 'outcome'],
  ] as const)('%s → %s', (clause, cls) => {
    const r = classifyClause(clause);
    expect(r.class).toBe(cls);
    if (cls === 'deployment') expect(r.cue).toBeNull();
    else expect(clause).toContain(r.cue);
  });
});
