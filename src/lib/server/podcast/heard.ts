// What happens when a listener has heard an episode (≥ 90 %): lessons that embed it complete.
import { log } from '../log';
import { lessonsEmbeddingEpisode } from '../courses/catalogue';
import { completeLesson } from '../courses/progress';

/** Called once per user and episode, after the position that crossed 90 % was saved. */
export async function onEpisodeHeard(userId: string, episodeSlug: string): Promise<void> {
	log('episode_heard', { episode: episodeSlug });
	// A lesson with a quiz still needs its quiz passed: completeLesson refuses 'podcast' there.
	for (const lesson of await lessonsEmbeddingEpisode(episodeSlug)) await completeLesson(userId, lesson.id, 'podcast');
}
