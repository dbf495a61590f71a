// Course packs (issue 12): what "Für offline speichern" stores for one learner — the course page and every lesson
// page as the server renders them for this learner (their language variant, Leichte Sprache), with the pages' data.
// The revision names everything that changes those pages' content, so a stored pack knows when it is out of date.
import { createHash } from 'node:crypto';
import { cachedLessonContent, type CourseOutline } from '../courses/catalogue';

export interface PackInfo {
	course: string;
	title: string;
	revision: string;
	/** the bytes a pack of this course is expected to take (pages, their data, images): shown before saving */
	estimate: number;
	/** the pages to store: the course page first, then its lessons in reading order */
	pages: { href: string; title: string }[];
}

/** A rendered page around its text (layout, header, footer, hydration data, route) and the share of the text's own
 *  size a stored page takes (in the markup, again in the page's data, glossary notes, table of contents). Fitted to
 *  the demo courses: 16 pages, 646 KB stored, 634 KB estimated; 8 pages, 295 KB and 302 KB. */
const PAGE_OVERHEAD = 13_000;
const TEXT_FACTOR = 6;

export async function packInfo(course: CourseOutline, reader: { locale: string; plainLanguage: boolean }): Promise<PackInfo> {
	const contents = await Promise.all(course.lessons.map((l) => cachedLessonContent(l.id)));
	const revision = createHash('sha256')
		.update(JSON.stringify([course.slug, course.cover?.src ?? null, course.lessons.map((l, i) => [l.slug, contents[i]?.revisionId ?? null]), reader.locale, reader.plainLanguage]))
		.digest('hex')
		.slice(0, 16);
	const textBytes = TEXT_FACTOR * (contents.reduce((sum, c) => sum + (c?.html.length ?? 0), 0) + course.descriptionHtml.length);
	const pages = [{ href: `/courses/${course.slug}`, title: course.title }, ...course.lessons.map((l) => ({ href: `/courses/${course.slug}/${l.slug}`, title: l.title }))];
	return { course: course.slug, title: course.title, revision, estimate: textBytes + pages.length * PAGE_OVERHEAD, pages };
}

/** The header the pack's own requests carry: a lesson fetched for the pack is not "opened" (no progress written). */
export const PACK_HEADER = 'x-mitsprache-pack';
