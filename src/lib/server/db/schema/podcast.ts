// Podcast: the show, episodes, packaged media, ingest jobs, listening positions and privacy-friendly statistics.
import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { users } from './auth';

export const EPISODE_TYPES = ['full', 'trailer', 'bonus'] as const;
export type EpisodeType = (typeof EPISODE_TYPES)[number];
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const podcastShow = sqliteTable('podcast_show', {
	// one show per site: id is always 'show'
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	description: text('description').notNull(),
	descriptionHtml: text('description_html').notNull().default(''),
	author: text('author').notNull(),
	ownerName: text('owner_name').notNull(),
	ownerEmail: text('owner_email').notNull(),
	language: text('language').notNull().default('de'),
	category: text('category').notNull(),
	subcategory: text('subcategory'),
	explicit: integer('explicit', { mode: 'boolean' }).notNull().default(false),
	// path under MEDIA_DIR of the copied cover (content-hashed folder)
	imagePath: text('image_path').notNull(),
	imageType: text('image_type').notNull(),
	link: text('link'),
	demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
	contentHash: text('content_hash').notNull(),
	updatedAt: integer('updated_at').notNull()
});
export type PodcastShow = typeof podcastShow.$inferSelect;

export const mediaAssets = sqliteTable('media_assets', {
	id: text('id').primaryKey(),
	// hash of the source audio + everything baked into the outputs; also the folder name under MEDIA_DIR
	hash: text('hash').notNull().unique(),
	sourceHash: text('source_hash').notNull(),
	durationMs: integer('duration_ms').notNull(),
	mp3Bytes: integer('mp3_bytes').notNull(),
	hlsBytes: integer('hls_bytes').notNull(),
	sourceBytes: integer('source_bytes').notNull(),
	inputLufs: real('input_lufs'),
	// JSON array of numbers 0..1 for the seek bar's waveform
	peaks: text('peaks').notNull().default('[]'),
	createdAt: integer('created_at').notNull()
});
export type MediaAsset = typeof mediaAssets.$inferSelect;

export const episodes = sqliteTable(
	'episodes',
	{
		id: text('id').primaryKey(),
		slug: text('slug').notNull(),
		// published in the feed's <guid>: set once, never changed (editing the title must not re-notify apps)
		guid: text('guid').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull().default(''),
		date: text('date').notNull(),
		publishedAt: integer('published_at').notNull(),
		season: integer('season').notNull().default(1),
		number: integer('number').notNull(),
		type: text('type', { enum: EPISODE_TYPES }).notNull().default('full'),
		explicit: integer('explicit', { mode: 'boolean' }).notNull().default(false),
		status: text('status', { enum: ['draft', 'published'] }).notNull().default('published'),
		// JSON: [{ name, role, bio }] and [{ start (s), title }]
		guests: text('guests').notNull().default('[]'),
		chapters: text('chapters').notNull().default('[]'),
		notesMd: text('notes_md').notNull().default(''),
		notesHtml: text('notes_html').notNull().default(''),
		transcriptVtt: text('transcript_vtt'),
		// the episode's own cover (uploaded in the studio), a path under MEDIA_DIR; null = the show's cover
		imagePath: text('image_path'),
		demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
		// hash of episode.md + transcript + audio: unchanged files import as "unchanged"
		contentHash: text('content_hash').notNull(),
		// the packaged audio that is live now; a failed re-ingest leaves it in place
		mediaAssetId: text('media_asset_id').references(() => mediaAssets.id, { onDelete: 'set null' }),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [uniqueIndex('episodes_slug_uq').on(t.slug), uniqueIndex('episodes_guid_uq').on(t.guid), index('episodes_published_idx').on(t.publishedAt)]
);
export type Episode = typeof episodes.$inferSelect;

export const ingestJobs = sqliteTable(
	'ingest_jobs',
	{
		id: text('id').primaryKey(),
		episodeId: text('episode_id')
			.notNull()
			.references(() => episodes.id, { onDelete: 'cascade' }),
		sourcePath: text('source_path').notNull(),
		// the asset hash this job will produce: a second job for the same hash is not queued
		assetHash: text('asset_hash').notNull(),
		status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
		percent: integer('percent').notNull().default(0),
		reason: text('reason'),
		attempts: integer('attempts').notNull().default(0),
		claimedBy: text('claimed_by'),
		// refreshed with every progress update; a running job with an old claim is re-queued
		claimedAt: integer('claimed_at'),
		createdAt: integer('created_at').notNull(),
		finishedAt: integer('finished_at')
	},
	(t) => [index('ingest_jobs_status_idx').on(t.status, t.createdAt), index('ingest_jobs_episode_idx').on(t.episodeId)]
);
export type IngestJob = typeof ingestJobs.$inferSelect;

export const listeningPositions = sqliteTable(
	'listening_positions',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		episodeId: text('episode_id')
			.notNull()
			.references(() => episodes.id, { onDelete: 'cascade' }),
		positionMs: integer('position_ms').notNull(),
		durationMs: integer('duration_ms').notNull(),
		// the client's clock when the position was taken: an older heartbeat never overwrites a newer one
		clientAt: integer('client_at').notNull(),
		heard: integer('heard', { mode: 'boolean' }).notNull().default(false),
		heardAt: integer('heard_at'),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.episodeId] }), index('listening_user_updated_idx').on(t.userId, t.updatedAt)]
);
export type ListeningPosition = typeof listeningPositions.$inferSelect;

// Counters per day and episode; no IPs, no user ids.
export const podcastDailyStats = sqliteTable(
	'podcast_daily_stats',
	{
		day: text('day').notNull(),
		episodeId: text('episode_id')
			.notNull()
			.references(() => episodes.id, { onDelete: 'cascade' }),
		plays: integer('plays').notNull().default(0),
		heard: integer('heard').notNull().default(0),
		downloads: integer('downloads').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.day, t.episodeId] })]
);

// One random salt per day; yesterday's and older are deleted, so yesterday's hashes cannot be linked to today's.
export const podcastSalts = sqliteTable('podcast_salts', {
	day: text('day').primaryKey(),
	salt: text('salt').notNull()
});

// SHA-256(salt + IP + UA + episode) seen today, to count a client once per day. Deleted with the salt.
export const podcastSeen = sqliteTable(
	'podcast_seen',
	{
		day: text('day').notNull(),
		kind: text('kind', { enum: ['download', 'play', 'heard'] }).notNull(),
		hash: text('hash').notNull()
	},
	(t) => [primaryKey({ columns: [t.day, t.kind, t.hash] })]
);
