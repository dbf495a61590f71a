// The versions of a lesson learners see: the original and its variants (Leichte Sprache, other languages), which
// one a learner gets, and the variant's quiz, which always carries the lesson's question ids and is graded with
// the lesson's answer key. A variant whose quiz no longer matches the lesson's (the original changed in the studio)
// is not offered until it is updated.
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { db, schema } from '../db';
import { versioned } from './cache';
import { loadRevision, type LessonContent } from './catalogue';
import { t } from '../i18n';
import { alignQuiz } from '../../content/variant';
import { publicQuiz, type QuizGrade } from '../../content/quiz';
import { chooseVersion, ENDONYMS, isRtl, isVariantTag, PLAIN, VARIANT_TAGS, type VariantTag } from '../../content/languages';

export interface OfferedVariant {
	tag: VariantTag;
	title: string;
	durationMin: number;
	revisionId: string;
}

const offeredCache = versioned<OfferedVariant[]>(2048);

/** Published, live variants whose quiz matches the lesson's live answer key, in a fixed order (Leichte Sprache first). */
export function offeredVariants(lessonId: string, keyRevisionId: string): Promise<OfferedVariant[]> {
	return offeredCache(`${lessonId}|${keyRevisionId}`, async () => {
		const rows = await db()
			.select({ tag: schema.lessonVariants.lang, title: schema.lessonVariants.title, durationMin: schema.lessonVariants.durationMin, rev: schema.lessonVariants.publishedRevisionId })
			.from(schema.lessonVariants)
			.where(and(eq(schema.lessonVariants.lessonId, lessonId), isNull(schema.lessonVariants.archivedAt), isNotNull(schema.lessonVariants.publishedRevisionId)));
		const key = await loadRevision(keyRevisionId);
		if (!key) return [];
		const out: OfferedVariant[] = [];
		for (const r of rows) {
			if (!isVariantTag(r.tag) || !r.rev) continue;
			const rev = await loadRevision(r.rev);
			if (rev && alignQuiz(key.quiz, rev.quiz).ok) out.push({ tag: r.tag, title: r.title, durationMin: r.durationMin, revisionId: r.rev });
		}
		return out.sort((a, b) => VARIANT_TAGS.indexOf(a.tag) - VARIANT_TAGS.indexOf(b.tag));
	});
}

/** A variant as the page shows it: its text and its quiz (the lesson's ids, no answers); `revisionId` stays the lesson's key. */
export async function variantContent(base: LessonContent, v: OfferedVariant): Promise<LessonContent | null> {
	const [key, rev] = await Promise.all([loadRevision(base.revisionId), loadRevision(v.revisionId)]);
	if (!key || !rev) return null;
	const aligned = alignQuiz(key.quiz, rev.quiz);
	if (!aligned.ok) return null;
	return { revisionId: base.revisionId, html: rev.content.html, episode: base.episode, summaryEn: '', quiz: aligned.quiz ? publicQuiz(aligned.quiz) : null };
}

export interface VersionLink {
	tag: string;
	/** the version named in itself ("العربية", "Leichte Sprache") */
	name: string;
	href: string;
	dir: 'rtl' | 'ltr';
}

export interface LessonVersionView {
	content: LessonContent;
	title: string;
	durationMin: number;
	/** the language of the text shown (lang attribute) and its direction */
	tag: string;
	dir: 'rtl' | 'ltr';
	/** in the learner's language: the version they wanted does not exist (null when it does) */
	notice: string | null;
	/** the other versions of this lesson */
	others: VersionLink[];
	/** an explicit choice (`?variant=`) that links within the course keep */
	variantParam: string | null;
}

function languageName(tag: string, locale: string): string {
	if (tag === PLAIN) return ENDONYMS[PLAIN];
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
	} catch {
		return tag;
	}
}

/** Picks the version a learner sees (explicit choice, Leichte Sprache preference, interface language, original). */
export async function lessonVersion(opts: {
	base: LessonContent;
	lesson: { id: string; title: string; durationMin: number };
	original: 'de' | 'en';
	explicit: string | null;
	locale: string;
	plain: boolean;
	path: string;
}): Promise<LessonVersionView> {
	const offered = await offeredVariants(opts.lesson.id, opts.base.revisionId);
	const explicit = isVariantTag(opts.explicit) ? opts.explicit : null;
	const choice = chooseVersion({ original: opts.original, available: offered.map((v) => v.tag), explicit, locale: opts.locale, plain: opts.plain });
	let content = opts.base;
	let title = opts.lesson.title;
	let durationMin = opts.lesson.durationMin;
	let tag: string = opts.original;
	const v = choice.variant ? offered.find((x) => x.tag === choice.tag) : undefined;
	const vc = v ? await variantContent(opts.base, v) : null;
	if (v && vc) {
		content = vc;
		title = v.title;
		durationMin = v.durationMin;
		tag = v.tag;
	}
	let notice: string | null = null;
	if (choice.missing) {
		const shown = languageName(tag, opts.locale);
		notice = choice.missing === PLAIN ? t(opts.locale, 'variants_missing_plain', { shown }) : t(opts.locale, 'variants_missing_language', { missing: languageName(choice.missing, opts.locale), shown });
	}
	const all: string[] = [opts.original, ...offered.map((x) => x.tag)];
	const others = all
		.filter((x) => x !== tag)
		.map((x) => ({ tag: x, name: isVariantTag(x) ? ENDONYMS[x] : x, href: `${opts.path}?variant=${x}`, dir: isRtl(x) ? ('rtl' as const) : ('ltr' as const) }));
	return { content, title, durationMin, tag, dir: isRtl(tag) ? 'rtl' : 'ltr', notice, others, variantParam: explicit };
}

/** The explanations of a graded quiz in the variant the learner answered (same questions, their language). */
export async function localiseGrade(grade: QuizGrade, lessonId: string, keyRevisionId: string, tag: string | null): Promise<QuizGrade> {
	if (!tag || !isVariantTag(tag)) return grade;
	const row = (
		await db()
			.select({ rev: schema.lessonVariants.publishedRevisionId })
			.from(schema.lessonVariants)
			.where(and(eq(schema.lessonVariants.lessonId, lessonId), eq(schema.lessonVariants.lang, tag)))
			.limit(1)
	)[0];
	if (!row?.rev) return grade;
	const [key, rev] = await Promise.all([loadRevision(keyRevisionId), loadRevision(row.rev)]);
	if (!key || !rev) return grade;
	const aligned = alignQuiz(key.quiz, rev.quiz);
	if (!aligned.ok || !aligned.quiz) return grade;
	const byId = new Map(aligned.quiz.map((q) => [q.id, q.explanationHtml]));
	return { ...grade, results: grade.results.map((r) => ({ ...r, explanationHtml: byId.get(r.questionId) ?? r.explanationHtml })) };
}

/** A neighbouring lesson's title in the version shown (for "next lesson" links), with its language. */
export async function titleIn(lesson: { id: string; title: string }, keyRevisionId: string | null, original: string, tag: string): Promise<{ title: string; lang: string; dir: 'rtl' | 'ltr' }> {
	if (tag !== original && keyRevisionId) {
		const v = (await offeredVariants(lesson.id, keyRevisionId)).find((x) => x.tag === tag);
		if (v) return { title: v.title, lang: v.tag, dir: isRtl(v.tag) ? 'rtl' : 'ltr' };
	}
	return { title: lesson.title, lang: original, dir: isRtl(original) ? 'rtl' : 'ltr' };
}
