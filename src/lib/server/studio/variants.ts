// Variants in the studio: a variant is edited beside its original with the lesson's own model (autosaved draft per
// author, publish as a new revision, conflicts when someone else published, history and restore), checked like the
// import checks a variant file (the original's live answer key; Leichte Sprache warnings as advice).
import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { db, schema, write } from '../db';
import { audit } from '../audit';
import { newId } from '../ids';
import { t } from '../i18n';
import { reindexCourse } from '../courses/import';
import { insertVariantRevision } from '../courses/import-variant';
import { parseFrontMatter } from '../../content/frontmatter';
import { renderDocument } from '../../content/markdown';
import { checkPlainLanguage, type PlainWarning } from '../../content/leichte-sprache';
import { isVariantTag, PLAIN, renderLang, type VariantTag } from '../../content/languages';
import { parseVariant, type ParsedVariant, type VariantBase } from '../../content/variant';
import type { QuizQuestion } from '../../content/quiz';
import { composeSource, type LessonText, type StudioProblem } from './source';
import { draftText, getDraft, publishedRevision, saveDraft } from './drafts';
import { conflictFor, revisionView } from './editor';
import { contentChanged, touchContentTx } from './version';

type Course = typeof schema.courses.$inferSelect;
type Lesson = typeof schema.lessons.$inferSelect;

/** The variant tag of a studio address; 404 for anything a lesson of this course cannot have. */
export function variantTagOf(course: Pick<Course, 'language'>, raw: string, locale: string): VariantTag {
	if (!isVariantTag(raw) || raw === course.language) error(404, t(locale, 'variants_unknown_language'));
	return raw;
}

/** What a variant is held to: the lesson's live revision (null while the lesson was never published). */
export async function variantBase(lesson: Pick<Lesson, 'identity' | 'episode' | 'publishedRevisionId'>): Promise<VariantBase | null> {
	if (!lesson.publishedRevisionId) return null;
	const r = (await db().select({ quiz: schema.lessonRevisions.quiz }).from(schema.lessonRevisions).where(eq(schema.lessonRevisions.id, lesson.publishedRevisionId)).limit(1))[0];
	if (!r) return null;
	return { identity: lesson.identity, episode: lesson.episode, quiz: r.quiz ? (JSON.parse(r.quiz) as QuizQuestion[]) : null };
}

export interface VariantCheck {
	source: string;
	variant: ParsedVariant | null;
	problems: StudioProblem[];
}

/** Parses a studio variant exactly as the import parses a variant file (its problems with body line numbers). */
export function checkVariant(ctx: { identity: string; slug: string; courseSlug: string }, tag: VariantTag, base: VariantBase | null, text: LessonText): VariantCheck {
	// a variant has no English summary or episode of its own: the lesson's apply
	const source = composeSource(ctx.identity, { ...text, summaryEn: '', episode: '' });
	if (!base) return { source, variant: null, problems: [{ line: 0, reason: 'the original lesson is not published yet: publish it first, then its variants', code: 'var_original_unpublished' }] };
	const bodyLine = parseFrontMatter(source).bodyLine;
	const parsed = parseVariant(source, 'studio', { courseSlug: ctx.courseSlug, originalFileName: `01-${ctx.slug}.md`, tag, base });
	if (parsed.ok) return { source, variant: parsed.value, problems: [] };
	return { source, variant: null, problems: parsed.errors.map((e) => ({ line: e.line >= bodyLine ? e.line - bodyLine + 1 : 0, reason: e.reason, code: e.code, params: e.params })) };
}

export interface VariantPreview {
	html: string;
	quiz: QuizQuestion[] | null;
	problems: StudioProblem[];
	/** Leichte Sprache findings with body line numbers (de-x-ls only), shown beside the text as advice */
	warnings: PlainWarning[];
}

export function previewVariant(ctx: Parameters<typeof checkVariant>[0], tag: VariantTag, base: VariantBase | null, text: LessonText): VariantPreview {
	const check = checkVariant(ctx, tag, base, text);
	const warnings = tag === PLAIN ? checkPlainLanguage(text.body, 1) : [];
	if (check.variant) return { html: check.variant.html, quiz: check.variant.quiz, problems: [], warnings };
	return { html: renderDocument(text.body, { lang: renderLang(tag) }).html, quiz: null, problems: check.problems, warnings };
}

/** The variant's live revision (null when it was never published). */
export function liveVariantRevision(lessonId: string, tag: VariantTag): Promise<string | null> {
	return publishedRevision(db(), lessonId, tag);
}

async function variantRow(lessonId: string, tag: string) {
	return (await db().select().from(schema.lessonVariants).where(and(eq(schema.lessonVariants.lessonId, lessonId), eq(schema.lessonVariants.lang, tag))).limit(1))[0] ?? null;
}

/** The variant editor: my draft, else the live variant, else the original's text to translate from. */
export async function variantEditorState(course: Course, lesson: Lesson, tag: VariantTag, userId: string) {
	const [draft, row, base] = await Promise.all([getDraft(lesson.id, userId, tag), variantRow(lesson.id, tag), variantBase(lesson)]);
	const live = row?.publishedRevisionId ? await revisionView(lesson, row.publishedRevisionId, tag) : null;
	const original = await revisionView(lesson, lesson.publishedRevisionId);
	const fallback = { title: lesson.title, duration: lesson.durationMin || 5 };
	const text: LessonText = draft ? draftText(draft) : live ? live.text : { ...(original?.text ?? { ...fallback, body: '' }), summaryEn: '', episode: '' };
	const ctx = { identity: lesson.identity, slug: lesson.slug, courseSlug: course.slug };
	return {
		text,
		/** the editor starts from the original's text: nothing of this variant exists yet */
		fresh: !draft && !live,
		baseRevisionId: draft ? draft.baseRevisionId : (row?.publishedRevisionId ?? null),
		draftSavedAt: draft?.updatedAt ?? null,
		live: live ? { id: live.id, origin: live.origin, author: live.author, createdAt: live.createdAt } : null,
		archived: row?.archivedAt != null,
		original: original ? { title: original.text.title, body: original.text.body } : null,
		conflict: await conflictFor(lesson, userId, tag),
		preview: previewVariant(ctx, tag, base, text)
	};
}

export type VariantPublishResult =
	| { ok: true; revisionId: string; unchanged: boolean }
	| { ok: false; reason: 'invalid'; problems: StudioProblem[] }
	| { ok: false; reason: 'conflict'; publishedRevisionId: string | null };

class Stale extends Error {
	constructor(public current: string | null) {
		super('stale');
	}
}

/** Publishes a variant draft: checked against the original's live answer key, then live in one transaction. */
export async function publishVariant(
	user: { id: string },
	course: Course,
	lesson: Lesson,
	tag: VariantTag,
	text: LessonText & { baseRevisionId: string | null },
	opts: { force?: boolean } = {}
): Promise<VariantPublishResult> {
	const saved = await saveDraft(lesson.id, user.id, text, tag);
	if (saved.conflict && !opts.force) return { ok: false, reason: 'conflict', publishedRevisionId: saved.publishedRevisionId };
	const check = checkVariant({ identity: lesson.identity, slug: lesson.slug, courseSlug: course.slug }, tag, await variantBase(lesson), text);
	if (!check.variant) return { ok: false, reason: 'invalid', problems: check.problems };
	const v = check.variant;
	try {
		const result = await write(async (tx) => {
			const where = and(eq(schema.lessonVariants.lessonId, lesson.id), eq(schema.lessonVariants.lang, tag));
			const row = (await tx.select().from(schema.lessonVariants).where(where).limit(1))[0];
			const current = row?.publishedRevisionId ?? null;
			if (!opts.force && current !== text.baseRevisionId) throw new Stale(current);
			// the lesson's key may have moved while the trainer wrote: checked again against what is live now
			const liveKey = (await tx.select({ rev: schema.lessons.publishedRevisionId }).from(schema.lessons).where(eq(schema.lessons.id, lesson.id)).limit(1))[0]?.rev;
			if (liveKey !== lesson.publishedRevisionId) throw new Stale(current);
			const live = current ? (await tx.select({ hash: schema.lessonRevisions.contentHash }).from(schema.lessonRevisions).where(eq(schema.lessonRevisions.id, current)).limit(1))[0] : undefined;
			await tx.delete(schema.lessonDrafts).where(and(eq(schema.lessonDrafts.lessonId, lesson.id), eq(schema.lessonDrafts.authorId, user.id), eq(schema.lessonDrafts.lang, tag)));
			if (live?.hash === v.hash && row?.archivedAt == null) return { revisionId: current!, unchanged: true };
			const now = Date.now();
			const id = await insertVariantRevision(tx, lesson.id, v, now, 'studio', user.id);
			const listed = { title: v.title, durationMin: Math.round(v.duration), publishedRevisionId: id, archivedAt: null, updatedAt: now };
			if (row) await tx.update(schema.lessonVariants).set(listed).where(where);
			else await tx.insert(schema.lessonVariants).values({ lessonId: lesson.id, lang: tag, ...listed, sourcePath: '', importHash: null, createdAt: now });
			await reindexCourse(tx, lesson.courseId);
			await touchContentTx(tx);
			await audit(user.id, 'studio.variant.publish', `${lesson.identity} ${tag}`, { revision: id, force: Boolean(opts.force) }, tx);
			return { revisionId: id, unchanged: false };
		});
		contentChanged();
		return { ok: true, ...result };
	} catch (err) {
		if (err instanceof Stale) return { ok: false, reason: 'conflict', publishedRevisionId: err.current };
		throw err;
	}
}

/** Publishes a copy of an old revision of this variant (never another variant's or the lesson's) as a new revision. */
export async function restoreVariantRevision(user: { id: string }, lesson: Lesson, tag: VariantTag, revisionId: string): Promise<{ ok: true; revisionId: string } | { ok: false }> {
	const old = (
		await db()
			.select()
			.from(schema.lessonRevisions)
			.where(and(eq(schema.lessonRevisions.id, revisionId), eq(schema.lessonRevisions.lessonId, lesson.id), eq(schema.lessonRevisions.lang, tag)))
			.limit(1)
	)[0];
	if (!old) return { ok: false };
	const meta = JSON.parse(old.meta) as { title?: string; duration?: number };
	const id = await write(async (tx) => {
		const now = Date.now();
		const id = newId();
		await tx.insert(schema.lessonRevisions).values({ ...old, id, origin: 'studio', authorId: user.id, createdAt: now });
		await tx
			.update(schema.lessonVariants)
			.set({ title: meta.title ?? lesson.title, durationMin: Math.round(meta.duration ?? lesson.durationMin), publishedRevisionId: id, archivedAt: null, updatedAt: now })
			.where(and(eq(schema.lessonVariants.lessonId, lesson.id), eq(schema.lessonVariants.lang, tag)));
		await reindexCourse(tx, lesson.courseId);
		await touchContentTx(tx);
		await audit(user.id, 'studio.variant.restore', `${lesson.identity} ${tag}`, { from: revisionId, revision: id }, tx);
		return id;
	});
	contentChanged();
	return { ok: true, revisionId: id };
}
