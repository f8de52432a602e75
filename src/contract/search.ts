/** Request and response shapes of `GET /api/v1/search` (TypeBox, no I/O): validated by the route, imported by the web as types. */
import { Type, type Static } from 'typebox';
import { endpoint } from './endpoint.ts';
import { Literals } from './literals.ts';

export const SEARCH_TYPES = ['document', 'task', 'report', 'finding', 'relay'] as const;
/** `finding`: an inspection finding (督促检查 / 调查研究); `relay`: a unit's 传达学习 record. */
const SearchType = Literals(SEARCH_TYPES);

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100, description: 'Words to find, in Simplified or Traditional; all must match. Two characters (民生) are enough.' }),
    type: Type.Optional(SearchType),
    unitId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Tasks and reports of this lead or co-unit, findings addressed to it, its relay records' })),
    programmeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Tasks, reports, inspection findings and relay records of this programme, and its source documents' })),
    script: Type.Optional(Type.Union([Type.Literal('hans'), Type.Literal('hant')], { description: 'Script for titles and snippets (default: as written)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, default: 0 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchItem = Type.Object({
  type: SearchType,
  /** The document, task, report, finding or relay record. */
  id: Type.String(),
  /** Paragraph number within a document (from 0); 0 otherwise. */
  part: Type.Integer(),
  /** The task a task or report belongs to (null for documents), for links. */
  taskId: Type.Union([Type.String(), Type.Null()]),
  /** The inspection of a finding, the relay campaign of a relay record (null otherwise), for links. */
  parentId: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  snippet: Type.String(),
  /** [start, end) character offsets of the matches in `snippet`. */
  highlights: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()])),
  updatedAt: Type.String(),
});
export type SearchItem = Static<typeof SearchItem>;

export const SearchResponse = Type.Object({
  items: Type.Array(SearchItem),
  /** Matches, counted exactly up to 1,000; `totalCapped` says there are more. */
  total: Type.Integer(),
  totalCapped: Type.Boolean(),
});
export type SearchResponse = Static<typeof SearchResponse>;

export const searchEndpoints = {
  search: endpoint({ method: 'GET', path: '/api/v1/search', querystring: SearchQuery, response: { 200: SearchResponse } }),
};
