// A course as the content/ format, in a zip: courses/<course>/course.md, NN-module/module.md, NN-lesson.md and its
// variants NN-lesson.<tag>.md.
// Lesson files carry `id:` so identities (and with them everyone's progress) survive a re-import anywhere.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { stringify } from 'yaml';
import { zipSync, strToU8 } from 'fflate';
import { db, schema } from '../db';
import { parseFrontMatter } from '../../content/frontmatter';
import { composeSource, splitSource } from './source';

const pad = (n: number) => String(n).padStart(2, '0');

function withFrontMatter(fm: Record<string, unknown>, body: string): string {
	const b = body.trim();
	return `---\n${stringify(fm, { lineWidth: 0 })}---\n${b ? b + '\n' : ''}`;
}

/** An imported source without `id:` gets one; everything else in the file stays as written. */
function ensureId(source: string, identity: string, fallback: { title: string; duration: number }): string {
	try {
		if (parseFrontMatter(source).data.id === identity) return source;
	} catch {
		/* rewritten below */
	}
	return composeSource(identity, splitSource(source, fallback));
}

/** Path → file text of the course's live (non-archived) modules and lessons that have a published revision. */
export async function courseFiles(courseId: string): Promise<Map<string, string>> {
	const c = (await db().select().from(schema.courses).where(eq(schema.courses.id, courseId)).limit(1))[0];
	const files = new Map<string, string>();
	if (!c) return files;
	const root = `courses/${c.slug}`;
	files.set(
		`${root}/course.md`,
		withFrontMatter(
			{
				title: c.title, summary: c.summary, ...(c.summaryEn ? { summary_en: c.summaryEn } : {}), language: c.language, level: c.level, topics: JSON.parse(c.topics) as string[],
				hours: c.hours, pass_score: c.passScore, quiz: c.quizMode, quiz_attempts: c.quizAttempts, quiz_wait: c.quizWaitS, certificate: c.certificate, featured: c.featured, demo: c.demo
			},
			// imported descriptions exist only as sanitised HTML, which is valid Markdown and renders the same
			c.descriptionMd || c.descriptionHtml
		)
	);
	const mods = await db().select().from(schema.modules).where(eq(schema.modules.courseId, courseId)).orderBy(asc(schema.modules.position));
	const lessons = await db()
		.select({ l: schema.lessons, source: schema.lessonRevisions.source })
		.from(schema.lessons)
		.innerJoin(schema.lessonRevisions, eq(schema.lessonRevisions.id, schema.lessons.publishedRevisionId))
		.where(eq(schema.lessons.courseId, courseId))
		.orderBy(asc(schema.lessons.position));
	const variants = await db()
		.select({ lessonId: schema.lessonVariants.lessonId, lang: schema.lessonVariants.lang, source: schema.lessonRevisions.source, title: schema.lessonVariants.title, duration: schema.lessonVariants.durationMin })
		.from(schema.lessonVariants)
		.innerJoin(schema.lessons, eq(schema.lessons.id, schema.lessonVariants.lessonId))
		.innerJoin(schema.lessonRevisions, eq(schema.lessonRevisions.id, schema.lessonVariants.publishedRevisionId))
		.where(and(eq(schema.lessons.courseId, courseId), isNull(schema.lessonVariants.archivedAt)));
	let mn = 0;
	for (const m of mods) {
		if (m.archivedAt !== null) continue;
		const dir = `${root}/${pad(++mn)}-${m.slug}`;
		files.set(`${dir}/module.md`, withFrontMatter({ title: m.title, ...(m.summary ? { summary: m.summary } : {}) }, m.descriptionHtml));
		let ln = 0;
		for (const { l, source } of lessons) {
			if (l.moduleId !== m.id || l.archivedAt !== null) continue;
			const name = `${dir}/${pad(++ln)}-${l.slug}`;
			files.set(`${name}.md`, ensureId(source, l.identity, { title: l.title, duration: l.durationMin }));
			// its variants beside it: NN-lesson.<tag>.md
			for (const v of variants) if (v.lessonId === l.id) files.set(`${name}.${v.lang}.md`, ensureId(v.source, l.identity, { title: v.title, duration: v.duration }));
		}
	}
	return files;
}

export async function exportCourseZip(courseId: string): Promise<Uint8Array> {
	const files = await courseFiles(courseId);
	const entries: Record<string, Uint8Array> = {};
	for (const [name, text] of files) entries[name] = strToU8(text);
	// a fixed date keeps the same course byte-for-byte the same zip
	return zipSync(entries, { level: 6, mtime: new Date('2024-01-01T00:00:00Z') });
}
