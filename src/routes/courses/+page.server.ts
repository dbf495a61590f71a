import type { PageServerLoad } from './$types';
import { searchCourses } from '$lib/server/courses/catalogue';
import { visibleCourses } from '$lib/server/courses/visibility';
import { enrolmentSummaries } from '$lib/server/courses/progress';

const LEVELS = ['beginner', 'intermediate', 'advanced'];
const LANGS = ['de', 'en'];

// The catalogue: search (?q=, FTS5 prefix match) and filters; the course list itself is cached per content version.
export const load: PageServerLoad = async ({ url, locals }) => {
	const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const topic = url.searchParams.get('topic') ?? '';
	const level = LEVELS.includes(url.searchParams.get('level') ?? '') ? url.searchParams.get('level')! : '';
	const language = LANGS.includes(url.searchParams.get('language') ?? '') ? url.searchParams.get('language')! : '';
	const user = locals.user;
	// council-only courses appear only to their councils' members, their owners and admins (search included)
	const visible = await visibleCourses(user);
	const topics = [...new Set(visible.flatMap((c) => c.topics))].sort((a, b) => a.localeCompare(b, 'de'));
	let list = visible;
	if (q) {
		const ids = await searchCourses(q);
		list = ids.map((id) => visible.find((c) => c.id === id)).filter((c) => c !== undefined);
	}
	list = list.filter((c) => (!topic || c.topics.includes(topic)) && (!level || c.level === level) && (!language || c.language === language));
	const percent = new Map<string, number>();
	if (user) for (const s of await enrolmentSummaries(user.id)) percent.set(s.courseId, s.percent);
	return {
		q,
		topic,
		level,
		language,
		topics,
		courses: list.map(({ id, ...c }) => ({ ...c, percent: percent.get(id) ?? null }))
	};
};
