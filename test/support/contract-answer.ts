/** Reads an answer to a contract endpoint, typed by the contract and checked against it; shared by the injected API tests and the browser journeys. */
import { Value } from 'typebox/value';
import { endpoints, type ApiEndpoints, type ApiKey } from '../../src/contract/api.ts';
import type { Endpoint, ResponseOf } from '../../src/contract/endpoint.ts';

/**
 * The body of an answer to `key` (status and raw text), typed by the contract and checked against it: the status
 * must be one of the endpoint's success statuses and the body must match that status's schema. Tests build their
 * expectations on this type, so a changed contract changes them too.
 */
export function contractAnswer<K extends ApiKey>(key: K, statusCode: number, text: string): ResponseOf<ApiEndpoints[K]> {
  const found = Object.values(endpoints).flatMap((m) => Object.values(m as Record<string, Endpoint>)).find((e) => `${e.method} ${e.path}` === key);
  if (!found) throw new Error(`No endpoint ${key} in the contract`);
  const schema = found.response[statusCode];
  if (!schema) throw new Error(`${key} answered ${statusCode}, not a success status of its contract: ${text.slice(0, 500)}`);
  const body: unknown = text === '' ? null : JSON.parse(text);
  if (!Value.Check(schema, body)) {
    const errors = [...Value.Errors(schema, body)].slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new Error(`${key} answered a body its contract does not describe: ${errors.join('; ')}`);
  }
  return body as ResponseOf<ApiEndpoints[K]>;
}
