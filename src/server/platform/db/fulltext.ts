/**
 * The dialect-specific half of full-text search (the other half, tokenising, is `core/search`). The index holds
 * tokens (CJK bigrams, Latin words) that the application made; neither database's own parser is involved:
 * - SQLite: the tokens space-separated in `search_entries.tokens`, mirrored by triggers into the FTS5 table
 *   `search_fts` (unicode61 tokenizer, which splits on the spaces and keeps each bigram as one token), with the
 *   entry's `type` as a second column;
 * - PostgreSQL: `search_entries.tokens` is a `tsvector` written as a literal with positions (`'民生':1 '生活':2`),
 *   under a GIN index; a query is a `tsquery` literal with `<->` between the bigrams of a phrase.
 */
import { sql, SqliteAdapter, type Kysely, type RawBuilder } from 'kysely';
import type { DialectKind } from './database.ts';
import type { DB } from './schema.ts';

/** What a query term needs from the index: consecutive tokens, or a prefix for one lone character. */
export interface FulltextTerm {
  tokens: readonly string[];
  prefix: boolean;
}

/** The dialect of a Kysely handle (a transaction knows no more than its adapter). */
export function dialectOf(db: Kysely<DB>): DialectKind {
  return db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';
}

// Tokens are letters and digits only (core/search makes them so); quoting is belt and braces.
const pgLexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const ftsToken = (t: string) => `"${t.replace(/"/g, '""')}"`;

/** PostgreSQL keeps positions up to 16383; later ones are clamped there (phrase matches that far in may be missed). */
const MAX_POSITION = 16383;

/** The `tokens` column value for a list of tokens. */
export function fulltextValue(dialect: DialectKind, tokens: readonly string[]): string {
  if (dialect === 'sqlite') return tokens.join(' ');
  return tokens.map((t, i) => `${pgLexeme(t)}:${Math.min(i + 1, MAX_POSITION)}`).join(' ');
}

/**
 * The match condition on `search_entries` for all terms (AND), and on SQLite the entry type when one is asked for:
 * FTS5 then intersects the term's list with the type's (migration 0018 made `type` a column of `search_fts`) instead
 * of the caller looking up and rejecting each match of another type. Terms are confined to the `tokens` column, so a
 * Latin query word never matches a type name.
 */
export function fulltextMatch(dialect: DialectKind, terms: readonly FulltextTerm[], type?: string): RawBuilder<boolean> {
  if (dialect === 'sqlite') {
    const phrases = terms.map((t) => `tokens : ${t.prefix ? `${ftsToken(t.tokens[0]!)}*` : `"${t.tokens.map((x) => x.replace(/"/g, '""')).join(' ')}"`}`);
    if (type !== undefined) phrases.push(`type : ${ftsToken(type)}`);
    return sql<boolean>`search_entries.seq in (select rowid from search_fts where search_fts match ${phrases.join(' AND ')})`;
  }
  const query = terms.map((t) => (t.prefix ? `${pgLexeme(t.tokens[0]!)}:*` : `(${t.tokens.map(pgLexeme).join(' <-> ')})`)).join(' & ');
  return sql<boolean>`search_entries.tokens @@ ${query}::tsquery`;
}

/**
 * Result order, chosen so the first page never sorts every match (measured on 100,000 paragraphs: sorting 30,000
 * matches of 民生 by date costs 100+ ms, walking an index and stopping after a page costs 1–2 ms):
 * - SQLite: the FTS5 rowid descending (`seq`; a re-index renews it, so the most recently written entries come
 *   first), which SQLite serves by walking the match list backwards;
 * - PostgreSQL: the primary key descending (`<type>:<uuidv7>:<part>`: tasks, then reports, then documents, each newest
 *   created first), which the planner serves by walking the key's index and testing each row when a term is common,
 *   or by sorting the few GIN matches when it is rare.
 */
export function fulltextOrder(dialect: DialectKind): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`search_entries.seq desc` : sql`search_entries.id desc`;
}
