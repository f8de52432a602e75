/** A database that cannot be reached or used; the CLI prints its message alone and exits non-zero. */
export class DatabaseUnavailableError extends Error {}
