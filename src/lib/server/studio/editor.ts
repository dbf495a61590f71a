// What the lesson editor shows: the text to edit (my draft, else the live revision), the revision it builds on,
// and, when the live revision moved on since my draft started, both versions for the conflict view.
import { eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { draftText, getDraft } from './drafts';
import { revisionOf } from './history';
import { previewLesson, splitSource, type LessonText } from './source';
import { lessonContext } from './access';

type Course = typeof schema.courses.$inferSelect;
type Lesson = typeof schema.lessons.$inferSelect;

export interface RevisionView {
	id: string;
	origin: 'import' | 'studio';
	author: string | null;
	createdAt: number;
	text: LessonText;
}

export async function revisionView(lesson: Lesson, revisionId: string | null): Promise<RevisionView | null> {
	if (!revisionId) return null;
	const r = await revisionOf(lesson.id, revisionId);
	if (!r) return null;
	return { id: r.id, origin: r.origin, author: r.author, createdAt: r.createdAt, text: splitSource(r.source, { title: lesson.title, duration: lesson.durationMin }) };
}

export interface Conflict {
	theirs: RevisionView | null;
	mine: LessonText;
	/** when my draft was last saved */
	savedAt: number;
}

export async function conflictFor(lesson: Lesson, userId: string): Promise<Conflict | null> {
	const current = (await db().select({ rev: schema.lessons.publishedRevisionId }).from(schema.lessons).where(eq(schema.lessons.id, lesson.id)).limit(1))[0]?.rev ?? null;
	const draft = await getDraft(lesson.id, userId);
	if (!draft || draft.baseRevisionId === current) return null;
	return { theirs: await revisionView(lesson, current), mine: draftText(draft), savedAt: draft.updatedAt };
}

export async function editorState(course: Course, lesson: Lesson, userId: string) {
	const draft = await getDraft(lesson.id, userId);
	const live = await revisionView(lesson, lesson.publishedRevisionId);
	const text: LessonText = draft ? draftText(draft) : (live?.text ?? { title: lesson.title, duration: lesson.durationMin || 5, summaryEn: '', episode: '', quizMode: '', body: '' });
	return {
		text,
		baseRevisionId: draft ? draft.baseRevisionId : lesson.publishedRevisionId,
		draftSavedAt: draft?.updatedAt ?? null,
		live: live ? { id: live.id, origin: live.origin, author: live.author, createdAt: live.createdAt } : null,
		conflict: await conflictFor(lesson, userId),
		preview: previewLesson(lessonContext(course, lesson), text)
	};
}
