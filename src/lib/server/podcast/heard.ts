// What happens when a listener has heard an episode (≥ 90 %): lessons that embed it complete.
import { log } from '../log';

/**
 * Called once per user and episode, after the position that crossed 90 % was saved.
 * TODO(lead, at merge with the courses branch): complete every lesson that embeds this episode:
 *   const rows = await db().select({ id: schema.lessons.id }).from(schema.lessons).where(eq(schema.lessons.episode, episodeSlug));
 *   for (const l of rows) await completeLesson(userId, l.id, 'podcast');   // from '../courses/progress'
 */
export async function onEpisodeHeard(userId: string, episodeSlug: string): Promise<void> {
	log('episode_heard', { episode: episodeSlug, user: userId.slice(0, 6) });
}
