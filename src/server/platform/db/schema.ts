/**
 * Hand-written table types shared by every repository. Conventions on both dialects: ids are app-generated text
 * (UUIDv7), timestamps are ISO-8601 UTC text, booleans are 0/1 integers, JSON is text written through `json.ts`.
 */

export interface UnitsTable {
  id: string;
  name: string;
  parent_id: string | null;
  head_user_id: string | null;
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  unit_id: string;
  password_hash: string;
  locale: string | null;
  active: number;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a leaked database row cannot be replayed as a cookie. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  idle_expires_at: string;
  expires_at: string;
  address: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface SignInFailuresTable {
  id: string;
  username: string;
  address: string;
  at: string;
}

export interface AuditEventsTable {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  object_type: string;
  object_id: string;
  before_json: string | null;
  after_json: string | null;
  context_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface BlobsTable {
  sha256: string;
  byte_size: number;
  media_type: string;
  created_at: string;
}

export interface DocumentsTable {
  id: string;
  title: string;
  issuer: string | null;
  doc_date: string | null;
  script: string;
  encoding: string;
  format: string;
  filename: string | null;
  /** Content hash of the original bytes in the blob store. */
  sha256: string;
  byte_size: number;
  /** The decoded original text, exactly as read. */
  text: string;
  /** Simplified, punctuation-normalised copy, same length as `text`, for search in either script. */
  text_norm: string;
  length: number;
  /** The decomposition as computed at import (JSON), kept so the review screen shows what the engine proposed. */
  decomposition_json: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A reviewable draft programme built from a document's decomposition; publishing turns it into tasks. */
export interface ProgrammeDraftsTable {
  id: string;
  document_id: string;
  title: string;
  /** The editable tree (JSON): nodes with label, kind, title, span, children, units, deadline, tags, targets. */
  tree_json: string;
  status: string;
  programme_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProgrammesTable {
  id: string;
  title: string;
  description: string | null;
  status: string;
  /** Per-programme overrides of the health thresholds (JSON), null = defaults. */
  health_thresholds_json: string | null;
  /** Per-programme reminder configuration (JSON), null = defaults. */
  reminder_config_json: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ProgrammeDocumentsTable {
  programme_id: string;
  document_id: string;
}

export interface ProgrammeSupervisorsTable {
  programme_id: string;
  user_id: string;
}

export interface TasksTable {
  id: string;
  programme_id: string;
  parent_id: string | null;
  /** `area`, `task` or `subtask` — the level in the programme tree. */
  kind: string;
  ordinal: number;
  label: string | null;
  title: string;
  /** Simplified, normalised title for search in either script. */
  title_norm: string;
  description: string | null;
  source_document_id: string | null;
  source_start: number | null;
  source_end: number | null;
  state: string;
  lead_unit_id: string | null;
  owner_user_id: string | null;
  start_date: string | null;
  due_date: string | null;
  cadence_json: string | null;
  weight: number;
  progress: number;
  tags_json: string;
  targets_json: string;
  suspended_from: string | null;
  review_date: string | null;
  completion_requested_by: string | null;
  pending_extension_json: string | null;
  health: string;
  health_json: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TaskCoUnitsTable {
  task_id: string;
  unit_id: string;
  /** The co-unit's own part of the task. */
  part: string | null;
}

export interface MilestonesTable {
  id: string;
  task_id: string;
  ordinal: number;
  title: string;
  due_date: string;
  status: string;
  done_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The task's own timeline of transitions (the audit log holds the same facts for tamper evidence). */
export interface TaskEventsTable {
  id: string;
  task_id: string;
  at: string;
  actor_id: string | null;
  action: string;
  from_state: string | null;
  to_state: string | null;
  reason: string | null;
  data_json: string | null;
}

export interface DB {
  units: UnitsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_failures: SignInFailuresTable;
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
  blobs: BlobsTable;
  documents: DocumentsTable;
  programme_drafts: ProgrammeDraftsTable;
  programmes: ProgrammesTable;
  programme_documents: ProgrammeDocumentsTable;
  programme_supervisors: ProgrammeSupervisorsTable;
  tasks: TasksTable;
  task_co_units: TaskCoUnitsTable;
  milestones: MilestonesTable;
  task_events: TaskEventsTable;
}
