/** Request schemas of the notices routes. */
import { Type } from 'typebox';
import { WEBHOOK_FORMATS } from '../../../core/notices/index.ts';
import { Nullable } from '../../platform/http/schemas.ts';
import { OUTBOX_STATUSES } from './outbox.repository.ts';
import { NOTICE_LOCALES } from './notice-text.ts';

export const LocaleSchema = Type.Union(NOTICE_LOCALES.map((l) => Type.Literal(l)));
const Cursor = Type.String({ minLength: 1, maxLength: 64 });

export const NotificationListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean()),
  before: Type.Optional(Cursor),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  locale: Type.Optional(LocaleSchema),
}, { additionalProperties: false });

export const LocaleQuery = Type.Object({ locale: Type.Optional(LocaleSchema) }, { additionalProperties: false });

export const ManualReminderBody = Type.Object({
  message: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
}, { additionalProperties: false });

const FormatSchema = Type.Union(WEBHOOK_FORMATS.map((f) => Type.Literal(f)));
const WebhookName = Type.String({ minLength: 1, maxLength: 100 });
const WebhookUrl = Type.String({ minLength: 1, maxLength: 2000 });
const Secret = Type.String({ maxLength: 500 });

export const CreateWebhookBody = Type.Object({
  name: WebhookName,
  url: WebhookUrl,
  format: FormatSchema,
  secret: Type.Optional(Nullable(Secret)),
  programmeId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const UpdateWebhookBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  name: Type.Optional(WebhookName),
  url: Type.Optional(WebhookUrl),
  format: Type.Optional(FormatSchema),
  secret: Type.Optional(Nullable(Secret)),
  programmeId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

export const WebhookTestResponse = Type.Object({ ok: Type.Boolean(), status: Nullable(Type.Integer()), error: Nullable(Type.String()) });

export const OutboxListQuery = Type.Object({
  status: Type.Optional(Type.Union(OUTBOX_STATUSES.map((s) => Type.Literal(s)))),
  before: Type.Optional(Cursor),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
}, { additionalProperties: false });
