/** 繁體中文 strings of full-text search — typed against the zh-Hans keys. Keep every `{placeholder}`. */
import type { SearchMessages } from './zh-Hans.ts';

export const searchZhHant: SearchMessages = {
  'search.placeholder': '搜尋文件、任務、報告等',
  'search.label': '全文搜尋',
  'search.title': '搜尋',
  'search.results': '共 {total} 筆結果',
  'search.resultsMore': '超過 {total} 筆結果',
  'search.none': '沒有找到與「{q}」相關的內容',
  'search.prompt': '輸入要查找的詞語，簡體繁體均可，兩個字即可查找',
  'search.type.all': '全部',
  'search.type.document': '文件',
  'search.type.task': '任務',
  'search.type.report': '進展報告',
  'search.type.finding': '檢查問題',
  'search.type.relay': '傳達學習',
  'search.paragraph': '第 {n} 段',
  'search.updated': '更新於 {date}',
};
