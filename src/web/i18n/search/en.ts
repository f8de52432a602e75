/** English strings of full-text search — typed against the zh-Hans keys. Keep every `{placeholder}`. */
import type { SearchMessages } from './zh-Hans.ts';

export const searchEn: SearchMessages = {
  'search.placeholder': 'Search documents, tasks, reports…',
  'search.label': 'Full-text search',
  'search.title': 'Search',
  'search.results': '{total} results',
  'search.resultsMore': 'More than {total} results',
  'search.none': 'Nothing found for “{q}”',
  'search.prompt': 'Type the words to find, in Simplified or Traditional; two characters are enough',
  'search.type.all': 'All',
  'search.type.document': 'Documents',
  'search.type.task': 'Tasks',
  'search.type.report': 'Progress reports',
  'search.type.finding': 'Inspection findings',
  'search.type.relay': 'Relay records',
  'search.paragraph': 'Paragraph {n}',
  'search.updated': 'Updated {date}',
};
