// Studio episodes: who may edit an episode. The trainer who creates one in the studio owns it and may add
// co-owners; episodes imported from content/ have no rows here, so only admins may edit them.
import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { episodes } from './podcast';

export const episodeOwners = sqliteTable(
	'episode_owners',
	{
		episodeId: text('episode_id')
			.notNull()
			.references(() => episodes.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['owner', 'co-owner'] })
			.notNull()
			.default('owner'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.episodeId, t.userId] }), index('episode_owners_user_idx').on(t.userId)]
);
export type EpisodeOwner = typeof episodeOwners.$inferSelect;
