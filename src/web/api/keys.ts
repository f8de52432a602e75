/** TanStack Query keys, in one place so invalidation after a mutation reaches every list that shows the data. */
export const keys = {
  me: ['me'] as const,
  tokens: ['me', 'tokens'] as const,
  units: ['units'] as const,
  users: ['users'] as const,
  userList: (filter: object) => ['users', filter] as const,
  audit: ['audit'] as const,
  auditList: (filter: object) => ['audit', filter] as const,
  documents: ['documents'] as const,
  document: (id: string) => ['documents', id] as const,
};
