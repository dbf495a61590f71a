import type { PageServerLoad } from './$types';
import { allCourses, courseOutline } from '$lib/server/courses/catalogue';
import { visibleCourses } from '$lib/server/courses/visibility';
import { enrolmentSummaries } from '$lib/server/courses/progress';
import { getShow, latestEpisodes } from '$lib/server/podcast/episodes';
import { continueListening } from '$lib/server/podcast/listening';

// Visitors see what Mitsprache offers and the featured courses; learners see "Weiterlernen" on top.
// The podcast adds its newest episodes and, for a listener, the one to continue.
export const load: PageServerLoad = async ({ locals }) => {
	const cards = (await allCourses()).filter((c) => c.visibility === 'public');
	const featured = cards.filter((c) => c.featured).slice(0, 6);
	let continueLearning: { slug: string; title: string; language: string; percent: number; nextSlug: string | null; nextTitle: string | null }[] | null = null;
	if (locals.user) {
		const summaries = (await enrolmentSummaries(locals.user.id)).filter((s) => s.completedAt === null).sort((a, b) => b.enrolledAt - a.enrolledAt);
		// a council-only course the learner no longer may see (left the council) is not offered
		const all = await visibleCourses(locals.user);
		continueLearning = [];
		for (const s of summaries.slice(0, 3)) {
			const card = all.find((c) => c.id === s.courseId);
			if (!card) continue;
			const next = (await courseOutline(card.slug))?.lessons.find((l) => l.id === s.nextLessonId) ?? null;
			continueLearning.push({ slug: card.slug, title: card.title, language: card.language, percent: s.percent, nextSlug: next?.slug ?? null, nextTitle: next?.title ?? null });
		}
	}
	const [episodes, continueEpisodes, show] = await Promise.all([latestEpisodes(3), locals.user ? continueListening(locals.user.id) : Promise.resolve([]), getShow()]);
	return { featured, continueLearning, episodes, continueEpisodes, podcastLanguage: show?.language ?? null };
};
