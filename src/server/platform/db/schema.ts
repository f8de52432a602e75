/**
 * Hand-written table types shared by every repository. Conventions on both dialects: ids are app-generated text
 * (UUIDv7), timestamps are ISO-8601 UTC text, booleans are 0/1 integers, JSON is text written through `json.ts`.
 */
import type { Generated } from 'kysely';

export interface UnitsTable {
  id: string;
  name: string;
  parent_id: string | null;
  head_user_id: string | null;
  sort_order: number;
  active: number;
  /** The unit's duty profile (JSON `{description, keywords}`), used to suggest lead units; null = none written. */
  duties_json: string | null;
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
  /** The hash chain the row belongs to (an audit_head id) and its position in it; see migration 0014. */
  chain: number;
  chain_seq: number;
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
  /** SHA-256 of the decoded text without whitespace: the same text from another file or encoding has the same key. */
  content_key: string | null;
  /** The document this one is another script's edition of (简体/繁体), or null. */
  edition_of: string | null;
  /** Repairs the reviewer accepted (JSON `Repair[]`); they change displayed text and titles, never `text`. */
  repairs_json: string | null;
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
  /** 'strict' (null) or 'lenient': how much 申请办结 and 销号 ask for (0007). */
  completion_policy?: string | null;
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
  /** The top-level node (work area) this task belongs to; itself for a top-level node. */
  area_id: string | null;
  depth: number;
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
  /** Clauses that elaborate the task (JSON `{text, span}[]`), from the decomposition; null for tasks made by hand. */
  key_points_json: string | null;
  suspended_from: string | null;
  review_date: string | null;
  completion_requested_by: string | null;
  pending_extension_json: string | null;
  health: string;
  health_json: string | null;
  assigned_at: string | null;
  signed_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** The last extension decision (0007). */
  last_extension_decision_json?: string | null;
  /** How the task was closed (0007). */
  closure_json?: string | null;
  /** When the health light can next change with time alone (ISO instant); null when it cannot (0009). */
  health_changes_at?: string | null;
  /** 'commitment' (default) or 'rectification' (整改, made from an inspection finding) (0010). */
  task_type?: string;
  /** The inspection finding (or research recommendation) the task answers (0010). */
  finding_id?: string | null;
  /** The task's indicators with their latest accepted actual (JSON `IndicatorFact[]`), read by the health rules (0013). */
  indicators_json?: string | null;
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
  /** Optional on insert (the column defaults to 1), so code written before milestones had versions still compiles. */
  version: Generated<number>;
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

export interface ReportsTable {
  id: string;
  task_id: string;
  /** The unit the report speaks for: the lead unit, or a co-unit on its own part. */
  unit_id: string;
  period_key: string;
  state: string;
  /** Submissions so far. */
  revision: number;
  progress: number;
  text: string;
  problems: string | null;
  /** Requests for coordination (需协调事项). */
  coordination: string | null;
  next_steps: string | null;
  milestone_updates_json: string | null;
  author_id: string;
  writer_ids_json: string;
  first_submitted_at: string | null;
  submitted_at: string | null;
  late: number;
  reviewed_by: string | null;
  reviewed_at: string | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** 1 for a final report (总结) (0007). */
  final?: number;
  summary?: string | null;
}

export interface ReportEventsTable {
  id: string;
  report_id: string;
  type: string;
  actor_id: string | null;
  at: string;
  revision: number;
  reason: string | null;
  /** The report's content at a submission, so every returned revision stays readable. */
  snapshot_json: string | null;
}

export interface EvidenceTable {
  id: string;
  report_id: string;
  sha256: string;
  filename: string;
  media_type: string;
  byte_size: number;
  uploaded_by: string;
  created_at: string;
}

export interface PeriodLocksTable {
  programme_id: string;
  period_key: string;
  locked_by: string | null;
  locked_at: string;
}

export interface InstructionsTable {
  id: string;
  task_id: string;
  report_id: string | null;
  author_id: string;
  text: string;
  created_at: string;
}

/**
 * One notice (催办, 督办, a manual reminder, a 批示 …). `dedupe_key` is unique: whoever inserts it first owns
 * recipients and deliveries, so a notice exists once however many instances sweep.
 */
export interface NoticesTable {
  id: string;
  dedupe_key: string;
  task_id: string | null;
  programme_id: string | null;
  /** `remind`, `escalate`, `manual`, `instruction`, `report_returned`, `task_assigned`. */
  kind: string;
  /** The reminder rule (`due_soon_3d`, `overdue`, …), or the kind again for notices no rule produced. */
  rule: string;
  period: string | null;
  unit_id: string | null;
  /** No foreign key: a milestone may be edited away while the notice about it stays history. */
  milestone_id: string | null;
  audience_json: string;
  supervisor_ids_json: string;
  params_json: string;
  /** The task title when the notice was made, so the text reads as it was sent. */
  task_title: string | null;
  trigger_at: string;
  created_by: string | null;
  created_at: string;
}

/** A task listed by a grouped notice; the notice is settled (read) once every listed task is. */
export interface NoticeTasksTable {
  notice_id: string;
  task_id: string;
  settled_at: string | null;
}

/** In-app copy of a notice for one user. */
export interface NotificationsTable {
  id: string;
  notice_id: string;
  user_id: string;
  read_at: string | null;
  created_at: string;
}

/** One delivery of a notice over one channel to one target, retried until sent or dead. */
export interface OutboxTable {
  id: string;
  notice_id: string;
  /** `email` or `webhook`. */
  channel: string;
  /** The e-mail address, or the webhook id. */
  target: string;
  payload_json: string;
  /** `pending`, `sending` (leased by an instance), `sent`, `dead`. */
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  /** Random token of the current claim, so only the claimant may record the outcome. */
  lease_token: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhooksTable {
  id: string;
  name: string;
  url: string;
  /** `generic`, `dingtalk`, `wecom`, `feishu`. */
  format: string;
  /** Kept in clear: signing needs it. Never returned by the API nor written to the audit log. */
  secret: string | null;
  /** Null: every programme. */
  programme_id: string | null;
  active: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
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
  task_units: TaskUnitsTable;
  milestones: MilestonesTable;
  task_events: TaskEventsTable;
  reports: ReportsTable;
  report_events: ReportEventsTable;
  evidence: EvidenceTable;
  period_locks: PeriodLocksTable;
  instructions: InstructionsTable;
  notices: NoticesTable;
  notifications: NotificationsTable;
  notice_tasks: NoticeTasksTable;
  outbox: OutboxTable;
  webhooks: WebhooksTable;
  blob_chunks: BlobChunksTable;
  search_entries: SearchEntriesTable;
  report_counters: ReportCountersTable;
  health_snapshots: HealthSnapshotsTable;
  stats_versions: StatsVersionsTable;
  relay_campaigns: RelayCampaignsTable;
  relay_campaign_units: RelayCampaignUnitsTable;
  relay_records: RelayRecordsTable;
  relay_evidence: RelayEvidenceTable;
  inspections: InspectionsTable;
  inspection_members: InspectionMembersTable;
  inspection_targets: InspectionTargetsTable;
  inspection_target_tasks: InspectionTargetTasksTable;
  inspection_visits: InspectionVisitsTable;
  inspection_findings: InspectionFindingsTable;
  inspection_evidence: InspectionEvidenceTable;
  indicators: IndicatorsTable;
  indicator_actuals: IndicatorActualsTable;
  indicator_evidence: IndicatorEvidenceTable;
  indicator_peers: IndicatorPeersTable;
  evaluation_rule_sets: EvaluationRuleSetsTable;
  evaluation_ratings: EvaluationRatingsTable;
  evaluation_periods: EvaluationPeriodsTable;
  publications: PublicationsTable;
  public_reports: PublicReportsTable;
  public_evidence: PublicEvidenceTable;
  leads: LeadsTable;
  lead_attempts: LeadAttemptsTable;
  public_keys: PublicKeysTable;
  programme_settings: ProgrammeSettingsView;
  task_report_facts: TaskReportFactsView;
  task_report_decisions: TaskReportDecisionsView;
}

/** Every unit a task is lead (`lead`) or co-unit (`co`) of, for indexed unit filters and liaison scopes (0009). */
export interface TaskUnitsTable {
  task_id: string;
  unit_id: string;
  role: 'lead' | 'co';
}

/** One chunk of a blob kept in the database (`LUOSHI_BLOB_STORE=postgres`). */
export interface BlobChunksTable {
  sha256: string;
  seq: number;
  data: Uint8Array;
}

/** One searchable piece (document paragraph, task, report); `tokens` is dialect-specific (see platform/db/fulltext.ts). */
export interface SearchEntriesTable {
  id: string;
  type: string;
  ref_id: string;
  part: number;
  task_id: string | null;
  /** The object a finding's or relay record's link opens: its inspection, its campaign (0018); null otherwise. */
  parent_id: string | null;
  title: string;
  body: string;
  tokens: string;
  updated_at: string;
}

/** Per task and reporting unit: report counts kept in the transaction that changes them (0011). */
export interface ReportCountersTable {
  task_id: string;
  unit_id: string;
  /** First submissions. */
  submitted: number;
  /** First submissions made by their period's deadline. */
  on_time: number;
  accepted: number;
  /** Accepted at the first submission (never returned). */
  accepted_first: number;
}

/** One programme's (area_id '') or one work area's health counts on one day (0011). */
export interface HealthSnapshotsTable {
  programme_id: string;
  area_id: string;
  day: string;
  red: number;
  yellow: number;
  blue: number;
  green: number;
  grey: number;
  closed: number;
  total: number;
  taken_at: string;
}

/**
 * The dashboards' data version: the sum of `n` over all rows, moved by triggers in every transaction that changes a
 * table a dashboard reads (0019; one row on SQLite, 16 on PostgreSQL so concurrent writers rarely share one).
 */
export interface StatsVersionsTable {
  slot: number;
  n: number | string | bigint;
}

/** A 传达学习 campaign: the units expected to relay one document of a programme, by a deadline (0010). */
export interface RelayCampaignsTable {
  id: string;
  document_id: string;
  programme_id: string;
  deadline: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RelayCampaignUnitsTable {
  campaign_id: string;
  unit_id: string;
  last_reminded_at: string | null;
}

/** One unit's record of how it relayed and studied the campaign's document. */
export interface RelayRecordsTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  /** `submitted` or `returned`. */
  state: string;
  meeting_type: string;
  meeting_type_other: string | null;
  meeting_date: string;
  chair: string;
  attendee_count: number;
  minutes: string | null;
  follow_up: string | null;
  revision: number;
  return_reason: string | null;
  returned_by: string | null;
  returned_at: string | null;
  recorded_by: string;
  first_submitted_at: string;
  submitted_at: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RelayEvidenceTable {
  id: string;
  record_id: string;
  /** `minutes` or `photo`. */
  kind: string;
  sha256: string;
  filename: string;
  media_type: string;
  byte_size: number;
  uploaded_by: string;
  created_at: string;
}

export interface InspectionsTable {
  id: string;
  programme_id: string;
  topic: string;
  /** `unannounced` (暗访), `special` (专项督查), `research` (调研). */
  kind: string;
  /** `planned`, `in_progress`, `reporting`, `closed`. */
  state: string;
  description: string | null;
  start_date: string | null;
  end_date: string | null;
  created_by: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** The work area (督查整改：<topic>) holding the tasks made from this inspection's findings (0017). */
  area_task_id?: string | null;
}

export interface InspectionMembersTable {
  inspection_id: string;
  user_id: string;
  team: string;
  is_leader: number;
}

export interface InspectionTargetsTable {
  inspection_id: string;
  unit_id: string;
}

export interface InspectionTargetTasksTable {
  inspection_id: string;
  task_id: string;
}

export interface InspectionVisitsTable {
  id: string;
  inspection_id: string;
  unit_id: string | null;
  visited_on: string;
  notes: string;
  created_by: string | null;
  created_at: string;
}

export interface InspectionFindingsTable {
  id: string;
  inspection_id: string;
  visit_id: string | null;
  unit_id: string;
  /** `finding` (问题) or `recommendation` (调研报告的建议). */
  source: string;
  title: string;
  description: string | null;
  /** `general` (一般), `serious` (较重), `grave` (严重). */
  severity: string;
  task_id: string | null;
  na_reason: string | null;
  na_by: string | null;
  na_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface InspectionEvidenceTable {
  id: string;
  inspection_id: string;
  visit_id: string | null;
  finding_id: string | null;
  /** `photo`, `note` or `report` (调研报告). */
  kind: string;
  sha256: string;
  filename: string;
  media_type: string;
  byte_size: number;
  uploaded_by: string;
  created_at: string;
}

/** An indicator (对标对表): a quantitative target of a programme, optionally of one task, with its responsible unit. */
export interface IndicatorsTable {
  id: string;
  programme_id: string;
  task_id: string | null;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  /** `at_least` (≥), `at_most` (≤), `equal` (=). */
  direction: string;
  /** `month`, `quarter`, `year`: how often actuals are reported. */
  period: string;
  tolerance: number | null;
  responsible_unit_id: string;
  start_date: string;
  end_date: string;
  source_key: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** An actual value reported for one period: submitted, then accepted or returned. */
export interface IndicatorActualsTable {
  id: string;
  indicator_id: string;
  period_key: string;
  value: number;
  note: string | null;
  state: string;
  revision: number;
  reported_by: string;
  submitted_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface IndicatorEvidenceTable {
  id: string;
  actual_id: string;
  sha256: string;
  filename: string;
  media_type: string;
  byte_size: number;
  uploaded_by: string;
  created_at: string;
}

/** Another city's figure for the same indicator (对标), with its source. */
export interface IndicatorPeersTable {
  id: string;
  indicator_id: string;
  name: string;
  value: number;
  period_key: string;
  source: string;
  created_by: string | null;
  created_at: string;
}

export interface EvaluationRuleSetsTable {
  id: string;
  version: number;
  effective_from: string;
  rules_json: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface EvaluationRatingsTable {
  id: string;
  unit_id: string;
  period_key: string;
  rated_by: string;
  rating: number;
  comment: string | null;
  created_at: string;
  updated_at: string;
}

export interface EvaluationPeriodsTable {
  period_key: string;
  rule_set_id: string;
  results_json: string;
  frozen_by: string | null;
  frozen_at: string;
}

/** A programme's publication (0016): `published` 1 while public; `version` grows with every public change. */
export interface PublicationsTable {
  programme_id: string;
  published: number;
  published_at: string | null;
  published_by: string | null;
  withdrawn_at: string | null;
  updated_at: string;
  version: number;
}

/** An accepted report a supervisor made public (0016). */
export interface PublicReportsTable {
  report_id: string;
  programme_id: string;
  marked_by: string | null;
  marked_at: string;
}

/** An evidence file made public one by one (0016); served only while its report is public too. */
export interface PublicEvidenceTable {
  evidence_id: string;
  report_id: string;
  marked_by: string | null;
  marked_at: string;
}

/** A public lead (群众线索, 0016). `contact` is for the programme's supervisors only. */
export interface LeadsTable {
  id: string;
  programme_id: string;
  task_id: string;
  /** `pending`, `accepted`, `rejected`, `merged`. */
  state: string;
  what: string;
  place: string;
  contact: string | null;
  photo_sha256: string | null;
  challenge_id: string;
  decided_by: string | null;
  decided_at: string | null;
  reject_reason: string | null;
  reject_note: string | null;
  merged_into_id: string | null;
  rectification_task_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One lead submission attempt, for the rate limits (0016). */
export interface LeadAttemptsTable {
  id: string;
  address_key: string;
  task_id: string;
  at: string;
}

export interface PublicKeysTable {
  id: string;
  secret: string;
  created_at: string;
}


/** View (0021), published by programmes: the settings the task rules and the health roll-up read. */
export interface ProgrammeSettingsView {
  id: string;
  status: string;
  completion_policy: string | null;
  health_thresholds_json: string | null;
}

/** View (0021), published by reports: each report's standing and evidence count, by task. */
export interface TaskReportFactsView {
  report_id: string;
  task_id: string;
  unit_id: string;
  state: string;
  final: number;
  submitted_at: string | null;
  reviewed_at: string | null;
  evidence_count: number;
}

/** View (0021), published by reports: the review decisions on a task's reports. */
export interface TaskReportDecisionsView {
  task_id: string;
  report_id: string;
  type: string;
  at: string;
}
