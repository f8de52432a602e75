/** The documents module's HTTP contract. */

/** Filled in as the module's routes move to contract endpoints (src/contract/endpoint.ts). */
export const documentsEndpoints = {};
