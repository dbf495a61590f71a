// Accounts, sessions, councils and the operational tables of the foundation.
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';

export const ROLES = ['learner', 'trainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const users = sqliteTable(
	'users',
	{
		id: text('id').primaryKey(),
		email: text('email').notNull(),
		// lower-cased email: uniqueness is case-insensitive
		emailKey: text('email_key').notNull(),
		displayName: text('display_name').notNull(),
		passwordHash: text('password_hash').notNull(),
		locale: text('locale').notNull().default('de'),
		// show lessons in Leichte Sprache when they have that variant (account setting, also a cookie for visitors)
		plainLanguage: integer('plain_language', { mode: 'boolean' }).notNull().default(false),
		role: text('role', { enum: ROLES }).notNull().default('learner'),
		disabledAt: integer('disabled_at'),
		privacyAcceptedAt: integer('privacy_accepted_at').notNull(),
		createdAt: integer('created_at').notNull()
	},
	(t) => [uniqueIndex('users_email_key_uq').on(t.emailKey)]
);
export type User = typeof users.$inferSelect;

export const sessions = sqliteTable(
	'sessions',
	{
		// the cookie holds `id.secret`; only SHA-256(secret) is stored and compared in constant time
		id: text('id').primaryKey(),
		secretHash: text('secret_hash').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at').notNull(),
		expiresAt: integer('expires_at').notNull(),
		absoluteExpiresAt: integer('absolute_expires_at').notNull(),
		userAgent: text('user_agent').notNull().default('')
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);
export type Session = typeof sessions.$inferSelect;

export const organisations = sqliteTable('organisations', {
	id: text('id').primaryKey(),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	city: text('city').notNull().default(''),
	createdAt: integer('created_at').notNull()
});
export type Organisation = typeof organisations.$inferSelect;

export const memberships = sqliteTable(
	'memberships',
	{
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['member', 'trainer'] })
			.notNull()
			.default('member'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('memberships_user_idx').on(t.userId)]
);

// Fixed-window counters shared by every instance (keys are hashed: no raw IPs or emails)
export const rateLimits = sqliteTable('rate_limits', {
	key: text('key').primaryKey(),
	windowStart: integer('window_start').notNull(),
	count: integer('count').notNull()
});

// Browsers that have logged into an account: exempt from the throttles that count across addresses and accounts,
// so spraying an account cannot lock its owner out. The key is SHA-256(email key, cookie token): it names no one.
export const knownBrowsers = sqliteTable('known_browsers', {
	key: text('key').primaryKey(),
	lastUsedAt: integer('last_used_at').notNull()
});

export const passwordResets = sqliteTable(
	'password_resets',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at').notNull(),
		usedAt: integer('used_at'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('password_resets_user_idx').on(t.userId)]
);

export const outbox = sqliteTable('outbox', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	to: text('to').notNull(),
	subject: text('subject').notNull(),
	body: text('body').notNull(),
	createdAt: integer('created_at').notNull(),
	sentAt: integer('sent_at'),
	error: text('error')
});

export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		actorId: text('actor_id'),
		action: text('action').notNull(),
		target: text('target').notNull().default(''),
		detail: text('detail').notNull().default('{}'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('audit_log_created_idx').on(t.createdAt)]
);

// Invitations to a council for people without an account. The link carries a random token; only its SHA-256 is
// stored. Single use (usedAt), revocable (revokedAt), with an expiry. The row names the person (their address):
// deleting their account deletes it, their export lists it.
export const invitations = sqliteTable(
	'invitations',
	{
		id: text('id').primaryKey(),
		tokenHash: text('token_hash').notNull().unique(),
		email: text('email').notNull(),
		emailKey: text('email_key').notNull(),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['member', 'trainer'] })
			.notNull()
			.default('member'),
		// the language of the mail and the preset language of the new account
		locale: text('locale').notNull().default('de'),
		invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		expiresAt: integer('expires_at').notNull(),
		usedAt: integer('used_at'),
		revokedAt: integer('revoked_at')
	},
	(t) => [index('invitations_org_idx').on(t.organisationId), index('invitations_email_idx').on(t.emailKey)]
);
export type Invitation = typeof invitations.$inferSelect;
