// What happens when a listener has heard an episode (≥ 90 %): lessons that embed it complete.
import { log } from '../log';
import { lessonsEmbeddingEpisode } from '../courses/catalogue';
import { completeLesson } from '../courses/progress';
import { visibleCourseIdsOf } from '../courses/visibility';

/** Called once per user and episode, after the position that crossed 90 % was saved. */
export async function onEpisodeHeard(userId: string, episodeSlug: string): Promise<void> {
	log('episode_heard', { episode: episodeSlug });
	// A lesson with a quiz still needs its quiz passed: completeLesson refuses 'podcast' there.
	// Only in courses the listener may see: hearing a public episode must not enrol anyone in a council-only course.
	const lessons = await lessonsEmbeddingEpisode(episodeSlug);
	if (!lessons.length) return;
	const visible = await visibleCourseIdsOf(userId);
	for (const lesson of lessons) if (visible.has(lesson.courseId)) await completeLesson(userId, lesson.id, 'podcast');
}
