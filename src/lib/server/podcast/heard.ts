// What happens when a listener has heard an episode (≥ 90 %): every live lesson that embeds it completes.
import { and, eq, isNull } from 'drizzle-orm';
import { completeLesson } from '../courses/progress';
import { db, schema } from '../db';
import { log } from '../log';

/** Called once per user and episode, after the position that crossed 90 % was saved. */
export async function onEpisodeHeard(userId: string, episodeSlug: string): Promise<void> {
	const lessons = await db()
		.select({ id: schema.lessons.id })
		.from(schema.lessons)
		.where(and(eq(schema.lessons.episode, episodeSlug), isNull(schema.lessons.archivedAt)));
	for (const l of lessons) {
		// quiz lessons refuse ('quiz_required'): they complete only through their quiz
		const r = await completeLesson(userId, l.id, 'podcast');
		if (r.completedNow) log('lesson_completed_by_episode', { episode: episodeSlug, lesson: l.id });
	}
}
