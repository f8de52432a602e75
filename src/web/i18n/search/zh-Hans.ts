/**
 * 简体中文 strings of full-text search: the header's search box and the results page.
 * Merged into the main catalogue with one spread; zh-Hant and en are typed against these keys.
 */
export const searchZhHans = {
  'search.placeholder': '搜索文件、任务、报告等',
  'search.label': '全文搜索',
  'search.title': '搜索',
  'search.results': '共 {total} 条结果',
  'search.resultsMore': '超过 {total} 条结果',
  'search.none': '没有找到与“{q}”相关的内容',
  'search.prompt': '输入要查找的词语，简体繁体均可，两个字即可查找',
  'search.type.all': '全部',
  'search.type.document': '文件',
  'search.type.task': '任务',
  'search.type.report': '进展报告',
  'search.type.finding': '检查问题',
  'search.type.relay': '传达学习',
  'search.paragraph': '第 {n} 段',
  'search.updated': '更新于 {date}',
} as const;

export type SearchMessages = { readonly [K in keyof typeof searchZhHans]: string };
