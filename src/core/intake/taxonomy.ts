/**
 * The topic taxonomy: one tag per line, with the Simplified keywords that select it. Matching runs on the
 * Simplified analysis copy, so Traditional documents match the same keywords. Edit freely: order is the display
 * order of equally frequent tags; a keyword may belong to several tags; longer keywords win where keywords overlap
 * (科技创新 is one hit for 科技创新, not also one for 创新). See docs/decomposition.md.
 */
export interface TaxonomyTag {
  name: string;
  keywords: readonly string[];
}

export type Taxonomy = readonly TaxonomyTag[];

export const DEFAULT_TAXONOMY: Taxonomy = [
  { name: '科技创新', keywords: ['科技创新', '科技', '研发', '科研', '实验室', '技术攻关', '核心技术', '成果转化', '创新平台', '创新中心', '基础研究', '知识产权', '原始创新', '自主创新', '创新生态', '科学城', '中关村'] },
  { name: '产业', keywords: ['产业', '制造业', '工业化', '产业链', '集群', '新质生产力', '实体经济', '服务业', '企业', '高精尖', '转型升级', '专精特新'] },
  { name: '数字经济', keywords: ['数字经济', '人工智能', '数字化', '数据', '算力', '大模型', '数智', '智慧城市', '互联网', '信息化', '6G', '5G'] },
  { name: '消费', keywords: ['消费', '内需', '商圈', '以旧换新', '文旅', '首发经济'] },
  { name: '投资', keywords: ['投资', '重大项目', '专项债', '投融资', '招商引资', '国债', '项目建设', '项目策划'] },
  { name: '改革', keywords: ['改革', '体制机制', '营商环境', '国企', '国有企业', '民营', '市场准入', '统一大市场', '放管服', '要素市场化'] },
  { name: '开放', keywords: ['开放', '外贸', '外资', '自贸', '一带一路', '出口', '进口', '跨境', '国际交往', '双循环', '服务贸易', '口岸', '综保区'] },
  { name: '城乡', keywords: ['城乡', '乡村', '农村', '农业', '农民', '粮食', '耕地', '城镇化', '城市更新', '和美乡村', '三农', '种业', '千万工程'] },
  { name: '区域', keywords: ['区域', '都市圈', '协同发展', '城市群', '一体化', '经济带', '京津冀', '长三角', '大湾区', '新区', '副中心'] },
  { name: '生态', keywords: ['生态', '绿色', '低碳', '碳达峰', '碳中和', '双碳', '环境', '污染', '节能', '减排', '降碳', '河湖', '森林', '大保护', '花园城市', '美丽'] },
  { name: '安全', keywords: ['安全', '风险', '应急', '防汛', '防灾', '减灾', '治安', '平安', '消防', '隐患', '底线', '韧性'] },
  { name: '就业', keywords: ['就业', '稳岗', '创业', '失业', '农民工', '零工'] },
  { name: '教育', keywords: ['教育', '学校', '高校', '学位', '双减', '思政', '大学', '职业本科', '学前'] },
  { name: '人才', keywords: ['人才', '院士', '工程师', '引才', '育人'] },
  { name: '医疗', keywords: ['医疗', '医院', '卫生', '健康', '医保', '疾控', '中医药', '公共卫生', '三医'] },
  { name: '住房', keywords: ['住房', '房地产', '保障房', '保障性住房', '租赁住房', '城中村', '好房子', '老旧小区', '危旧'] },
  { name: '养老', keywords: ['养老', '老年', '银发', '一老一小', '长期护理', '适老'] },
  { name: '托育', keywords: ['托育', '育儿', '托位', '幼儿', '扶幼', '生育', '儿童', '婴幼儿'] },
  { name: '社会保障', keywords: ['社保', '社会保障', '社会救助', '兜底', '民生底线', '困难群众', '残疾人'] },
  { name: '文化', keywords: ['文化', '文物', '文艺', '博物馆', '演艺', '非物质文化遗产', '阅读', '文明', '体育', '赛事'] },
  { name: '交通', keywords: ['交通', '轨道', '地铁', '公交', '公路', '铁路', '机场', '航空', '航线', '停车', '断头路', '枢纽'] },
  { name: '财政金融', keywords: ['财政', '金融', '债务', '税', '货币', '信贷', '融资', '预算', '资本市场'] },
  { name: '党建', keywords: ['党的建设', '党建', '从严治党', '廉洁', '作风', '主题教育', '党风', '廉政', '八项规定', '形式主义', '两个确立', '两个维护'] },
  { name: '基层治理', keywords: ['治理', '接诉即办', '基层', '社区', '网格', '信访', '枫桥经验', '物业'] },
];
