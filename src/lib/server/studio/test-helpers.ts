// Test helpers for the studio: a trainer, a course with one module and one lesson, a lesson text.
import { createUser } from '../auth/accounts';
import { createCourse, setCourseDraft } from './courses';
import { createLesson, createModule } from './structure';
import { courseSchema } from './schemas';
import { lessonForEdit } from './access';
import type { LessonText } from './source';

let n = 0;
export async function trainer(name = 'Trainerin Test', role: 'trainer' | 'admin' | 'learner' = 'trainer') {
	const r = await createUser({ email: `studio-${process.pid}-${n++}@example.org`, password: 'ein langes Passwort', displayName: name, role });
	if (!r.ok) throw new Error(r.reason);
	return r.user;
}

export const QUIZ_BODY = `Ein Beirat berät den Rat.

## Quiz

### Was tut ein Beirat?

- [x] Er berät
- [ ] Er beschließt den Haushalt

> Beiräte beraten.
`;

export function text(body = QUIZ_BODY, title = 'Beraten'): LessonText {
	return { title, duration: 7, summaryEn: 'Advising.', episode: '', body };
}

/**
 * A studio course `slug` owned by `owner`, with module "Grundlagen" and lesson "beraten" (lesson not yet published).
 * The course itself is published unless `draft` (a new studio course starts as a draft).
 */
export async function studioCourse(owner: { id: string; role: 'learner' | 'trainer' | 'admin' }, slug = `kurs-${n++}`, opts: { draft?: boolean } = {}) {
	const input = courseSchema.parse({ title: 'Studio-Kurs ' + slug, slug, summary: 'Ein Kurs aus dem Studio (Demo).', language: 'de', level: 'beginner', topics: 'Beirat, Studio', hours: '2', passScore: '70', certificate: 'on', visibility: 'public' });
	const c = await createCourse(owner.id, input, []);
	if (!c.ok) throw new Error(c.error);
	const { courseForEdit } = await import('./access');
	const course = await courseForEdit(owner, slug, 'de');
	if (!opts.draft) await setCourseDraft(owner.id, course.id, false);
	const moduleId = await createModule(owner.id, course.id, 'Grundlagen');
	const l = await createLesson(owner.id, course, { moduleId, title: 'Beraten', slug: 'beraten' });
	if (!l.ok) throw new Error(l.error);
	return { ...(await lessonForEdit(owner, slug, 'beraten', 'de')), moduleId };
}
