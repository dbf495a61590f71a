// What the lesson editor shows: the text to edit (my draft, else the live revision), the revision it builds on,
// and, when the live revision moved on since my draft started, both versions for the conflict view.
import { db, schema } from '../db';
import { draftText, getDraft, publishedRevision } from './drafts';
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

export async function revisionView(lesson: Lesson, revisionId: string | null, lang = ''): Promise<RevisionView | null> {
	if (!revisionId) return null;
	const r = await revisionOf(lesson.id, revisionId, lang);
	if (!r) return null;
	return { id: r.id, origin: r.origin, author: r.author, createdAt: r.createdAt, text: splitSource(r.source, { title: lesson.title, duration: lesson.durationMin }) };
}

export interface Conflict {
	theirs: RevisionView | null;
	mine: LessonText;
	/** when my draft was last saved */
	savedAt: number;
}

/** `lang`: '' for the lesson, else the variant whose draft and live revision are compared. */
export async function conflictFor(lesson: Lesson, userId: string, lang = ''): Promise<Conflict | null> {
	const current = await publishedRevision(db(), lesson.id, lang);
	const draft = await getDraft(lesson.id, userId, lang);
	if (!draft || draft.baseRevisionId === current) return null;
	return { theirs: await revisionView(lesson, current, lang), mine: draftText(draft), savedAt: draft.updatedAt };
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
