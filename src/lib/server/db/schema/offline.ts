// Progress made offline and sent later (issue 12): every event the outbox endpoint has processed, by the id the
// browser gave it, so the same event sent twice counts once and gets the same answer.
import { sqliteTable, text, integer, primaryKey } from 'drizzle-orm/sqlite-core';
import { users } from './auth';

export const OFFLINE_EVENT_KINDS = ['complete', 'quiz', 'position'] as const;
export type OfflineEventKind = (typeof OFFLINE_EVENT_KINDS)[number];

export const offlineEvents = sqliteTable(
	'offline_events',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		// the client-generated id (a UUID); scoped per user, so one learner's ids never collide with another's
		eventId: text('event_id').notNull(),
		kind: text('kind', { enum: OFFLINE_EVENT_KINDS }).notNull(),
		// 'pending' while being processed; then 'ok' or 'refused'
		status: text('status', { enum: ['pending', 'ok', 'refused'] }).notNull(),
		// the refusal's reason code (translated when answered), or the outcome's summary as JSON
		outcome: text('outcome').notNull().default('{}'),
		receivedAt: integer('received_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.eventId] })]
);
export type OfflineEvent = typeof offlineEvents.$inferSelect;
