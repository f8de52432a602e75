/**
 * The demo city's organisation: the Wuhan municipal bureaus and districts a supervision office hands work to, each
 * with a duty profile (职责) written from its public remit, so unit suggestions on the reference communiqué have
 * something real to match. Names follow the bodies' usual short forms; remits are summarised, not quoted.
 */

export interface DemoUnit {
  name: string;
  parent: string | null;
  duties?: { description: string; keywords: string[] };
}

const city = '武汉市';

export const DEMO_UNITS: DemoUnit[] = [
  { name: city, parent: null },
  { name: '市委督查室', parent: city, duties: { description: '负责市委重大决策部署和领导批示的督促检查、督查督办和情况通报。', keywords: ['督查', '督办', '督促检查', '狠抓落实'] } },
  { name: '市委宣传部', parent: city, duties: { description: '负责理论武装、新闻宣传、舆论引导、精神文明建设和文化事业的统筹。', keywords: ['宣传', '舆论引导', '新闻', '精神文明', '意识形态', '网络舆情', '理论武装'] } },
  { name: '市委组织部', parent: city, duties: { description: '负责干部队伍建设、基层党组织建设、主题教育和人才工作的组织实施。', keywords: ['主题教育', '干部队伍', '基层党组织', '党员教育', '组织建设', '人才工作'] } },
  {
    name: '市发展改革委', parent: city,
    duties: {
      description: '拟订国民经济和社会发展规划，统筹重大项目策划与投资，推进经济体制改革，负责价格、能源保障、粮食储备、区域协调和都市圈发展、碳达峰碳中和工作。',
      keywords: ['发展规划', '重大项目', '项目策划', '投资', '投融资', '项目落地', '经济体制改革', '体制机制', '重点领域改革', '价格', '保供稳价', '水电气', '能源', '粮食储备', '区域协调', '都市圈', '同城一体化', '碳达峰', '碳中和', '绿色低碳', '营商环境', '内需'],
    },
  },
  {
    name: '市经信局', parent: city,
    duties: {
      description: '推进新型工业化，负责制造业和工业经济运行、传统产业转型升级、战略性新兴产业和未来产业培育、中小企业和专精特新企业发展、产业链和产业集群建设。',
      keywords: ['新型工业化', '制造业', '工业', '传统产业', '转型升级', '战略性新兴产业', '新兴产业', '未来产业', '中小企业', '专精特新', '产业链', '产业集群', '现代化产业体系', '招大引强', '新赛道'],
    },
  },
  {
    name: '市科技局', parent: city,
    duties: { description: '推进具有全国影响力的科技创新中心建设，负责科技创新体系、重大科技平台、实验室、科技成果转化和高新技术企业培育。', keywords: ['科技创新中心', '科技创新', '科技', '研发', '实验室', '成果转化', '高新技术', '科学城', '科技自立自强'] },
  },
  {
    name: '市数据局', parent: city,
    duties: { description: '负责数字经济发展、数据资源和算力基础设施建设、人工智能应用推广和数字政府建设。', keywords: ['数字经济', '人工智能', '数据', '算力', '大数据', '数字化', '智慧城市', '数字政府'] },
  },
  {
    name: '市商务局', parent: city,
    duties: {
      description: '负责国际消费中心城市建设、促进消费、商贸流通、对外贸易和利用外资、招商引资，以及重要民生商品市场供应。',
      keywords: ['国际消费中心城市', '消费', '大宗消费', '新型消费', '商贸', '外贸', '外资', '招商引资', '开放', '内陆开放', '双循环', '步行街', '首店', '民生商品', '市场供应'],
    },
  },
  {
    name: '市生态环境局', parent: city,
    duties: { description: '负责生态环境保护和污染防治攻坚，推进长江大保护和生态环境治理，统筹应对气候变化。', keywords: ['长江大保护', '生态环境', '污染防治', '环境', '一江碧水', '大气', '水环境', '生态保护', '生态品质', '美丽武汉'] },
  },
  {
    name: '市住房和城市更新局', parent: city,
    duties: { description: '负责住房保障和房地产市场、城市更新行动、老旧小区改造、城中村改造和物业管理。', keywords: ['城市更新', '住房', '保障性住房', '房地产', '老旧小区', '城中村', '物业', '城市发展方式', '内涵提升'] },
  },
  {
    name: '市自然资源和规划局', parent: city,
    duties: { description: '负责国土空间规划、城市空间布局、土地利用和耕地保护，统筹新城和新区的规划建设。', keywords: ['国土空间', '空间布局', '规划', '多中心', '组团式', '土地', '耕地', '新城', '新区'] },
  },
  {
    name: '市交通运输局', parent: city,
    duties: { description: '负责综合交通运输体系和交通枢纽建设，发展枢纽经济和现代物流，管理公路、水运和农村公路。', keywords: ['交通', '枢纽', '枢纽经济', '枢纽功能', '物流', '公路', '农村公路', '港口', '航运', '铁路', '机场'] },
  },
  {
    name: '市水务局', parent: city,
    duties: { description: '负责流域综合治理、防汛抗旱、水资源和河湖管理、城市供水排水。', keywords: ['流域综合治理', '流域', '流域安全', '防汛', '水安全', '河湖', '湖泊', '排水', '供水'] },
  },
  {
    name: '市农业农村局', parent: city,
    duties: { description: '负责乡村振兴、农业生产和粮食安全、“千万工程”经验推广、和美乡村建设和农民增收。', keywords: ['乡村振兴', '农业', '农村', '粮食安全', '粮食', '千万工程', '和美乡村', '农民', '种业', '城乡融合'] },
  },
  {
    name: '市人社局', parent: city,
    duties: { description: '负责就业创业、社会保险、劳动关系和农民工工资支付保障、职业技能培训和人才服务。', keywords: ['就业', '社保', '社会保险', '农民工工资', '农民工', '职业技能培训', '劳动关系', '创业'] },
  },
  {
    name: '市教育局', parent: city,
    duties: { description: '负责各级各类教育发展、学校建设和学位供给、幼儿园和中小学教育。', keywords: ['教育', '学校', '学位', '幼儿园', '中小学', '职业教育', '高校'] },
  },
  {
    name: '市卫生健康委', parent: city,
    duties: { description: '负责医疗卫生服务体系、公共卫生、健康促进、托育和医养结合。', keywords: ['医疗', '卫生', '健康', '医院', '公共卫生', '托育', '扶幼', '健康体检'] },
  },
  {
    name: '市民政局', parent: city,
    duties: { description: '负责养老服务、社会救助和困难群众基本生活保障，兜牢民生底线，指导社区治理。', keywords: ['养老', '社会救助', '困难群众', '民生底线', '兜底', '兜牢', '老年食堂', '养老床位', '市民群众生活'] },
  },
  {
    name: '市应急管理局', parent: city,
    duties: { description: '负责安全生产监管、防灾减灾救灾、应急救援和自然灾害防治。', keywords: ['安全生产', '防灾减灾', '应急', '应急管理', '自然灾害', '危化品'] },
  },
  {
    name: '市公安局', parent: city,
    duties: { description: '负责社会治安防控、社会治安综合治理、维护社会大局稳定和交通管理。', keywords: ['社会治安', '治安', '平安', '社会大局稳定', '反诈', '扫黑除恶'] },
  },
  {
    name: '市财政局', parent: city,
    duties: { description: '负责财政预算、政府债务管理和财政资金保障，管理政府专项债券。', keywords: ['财政', '预算', '政府债务', '专项债', '财政与金融'] },
  },
  {
    name: '市地方金融管理局', parent: city,
    duties: { description: '负责地方金融发展和监管，防范化解重点领域金融风险，推动企业上市和融资。', keywords: ['金融', '金融风险', '化解', '重点领域风险', '防范化解', '资本市场', '上市', '融资'] },
  },
  {
    name: '市市场监管局', parent: city,
    duties: { description: '负责市场主体登记、市场秩序和价格监督检查、食品药品和产品质量安全、知识产权保护。', keywords: ['市场监管', '食品安全', '质量', '知识产权', '市场秩序', '民营经济'] },
  },
  { name: '市国资委', parent: city, duties: { description: '负责市属国有企业监管和国企改革。', keywords: ['国企', '国有企业', '国资', '国企和民企'] } },
  { name: '市文化和旅游局', parent: city, duties: { description: '负责文化事业和旅游业发展、文旅消费和文化遗产保护。', keywords: ['文化', '旅游', '文旅', '博物馆', '演艺'] } },
  { name: '市城市管理执法委', parent: city, duties: { description: '负责市容环境、城市管理综合执法、公共厕所、垃圾分类和燃气管理。', keywords: ['城市管理', '市容', '公共厕所', '垃圾分类', '燃气'] } },
  { name: '市园林和林业局', parent: city, duties: { description: '负责园林绿化、公园和绿地建设、林业和湿地保护，建设世界滨水生态名城。', keywords: ['园林', '绿化', '公园', '口袋公园', '绿地', '滨水生态名城', '湿地', '林业'] } },
  { name: '江岸区', parent: city, duties: { description: '中心城区：汉口历史风貌区、金融商务区和沿江商务区建设，城市更新。', keywords: ['江岸', '汉口', '沿江商务区'] } },
  { name: '江汉区', parent: city, duties: { description: '中心城区：江汉路商圈、武汉中央商务区和现代服务业。', keywords: ['江汉', '江汉路', '中央商务区'] } },
  { name: '武昌区', parent: city, duties: { description: '中心城区：长江文化之城、楚河汉街和科教资源集中的城区建设。', keywords: ['武昌', '楚河汉街', '首义'] } },
  { name: '洪山区', parent: city, duties: { description: '高校和科研院所集中区，建设环大学创新经济带。', keywords: ['洪山', '环大学'] } },
  { name: '东湖高新区', parent: city, duties: { description: '中国光谷：光电子信息产业、东湖科学城和武汉新城建设的主阵地。', keywords: ['光谷', '东湖科学城', '武汉新城', '光电子'] } },
  { name: '武汉经开区', parent: city, duties: { description: '中国车谷：汽车制造和智能网联汽车产业，军山新城建设。', keywords: ['车谷', '军山新城', '汽车', '智能网联'] } },
  { name: '长江新区', parent: city, duties: { description: '国家级新区规划建设：长江新区起步区和生态城市建设。', keywords: ['长江新区', '起步区'] } },
  { name: '东西湖区', parent: city, duties: { description: '临空港经济技术开发区：网络安全基地和食品加工、物流园区。', keywords: ['东西湖', '临空港', '网络安全基地'] } },
  { name: '黄陂区', parent: city, duties: { description: '远城区：木兰文化生态旅游和都市农业，临空经济。', keywords: ['黄陂', '木兰', '都市农业'] } },
];
