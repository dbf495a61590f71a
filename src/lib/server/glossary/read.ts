// Read side of the glossary: the entries for /glossar, and lesson HTML with its terms linked, cached per revision,
// lesson language and glossary version (the same for every visitor). The version is re-read at most once a second,
// so an import by another process (the CLI, a second instance) reaches this one too.
import { eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { Lru } from '../courses/cache';
import { formsFor, type GlossaryEntry } from '../../content/glossary';
import { linkTerms, renderTermNotes, type TermNote } from '../../content/glossary-link';
import { t, textDirection } from '../i18n';

let localBump = 0;
let version: { value: string; checkedAt: number } | undefined;

export function bumpGlossaryVersion() {
	localBump++;
	version = undefined;
}

export async function glossaryVersion(): Promise<string> {
	const now = Date.now();
	if (version && now - version.checkedAt < 1000) return version.value;
	const row = (await db().select({ at: schema.contentState.importedAt }).from(schema.contentState).where(eq(schema.contentState.key, 'glossary')).limit(1))[0];
	version = { value: `${row?.at ?? 0}:${localBump}`, checkedAt: now };
	return version.value;
}

let entriesCache: { version: string; entries: Promise<GlossaryEntry[]> } | undefined;
const collator = new Intl.Collator('de');

/** Every entry, in German alphabetical order of the term. */
export async function glossaryEntries(): Promise<GlossaryEntry[]> {
	const v = await glossaryVersion();
	if (entriesCache?.version !== v) {
		const entries = db()
			.select({ data: schema.glossaryEntries.data })
			.from(schema.glossaryEntries)
			.then((rows) => rows.map((r) => JSON.parse(r.data) as GlossaryEntry).sort((a, b) => collator.compare(a.term, b.term)));
		entries.catch(() => (entriesCache = undefined));
		entriesCache = { version: v, entries };
	}
	return entriesCache.entries;
}

/** The id of a term's short explanation beside a lesson (GlossaryNotes.svelte renders it). */
export const noteId = (slug: string) => `glossary-note-${slug}`;
export const entryHref = (slug: string) => `/glossar#${slug}`;

const linkedCache = new Lru<{ html: string; linked: string[] }>(500);

/** A lesson text's HTML with the first occurrence of each term linked to /glossar#<slug>; `textKey` names that text (revision and version: they are cached under it). */
export async function linkLessonTerms(textKey: string, html: string, lang: string): Promise<{ html: string; linked: string[] }> {
	const key = `${textKey}|${lang}|${await glossaryVersion()}`;
	const hit = linkedCache.get(key);
	if (hit) return hit;
	const terms = (await glossaryEntries()).map((e) => ({ slug: e.slug, forms: formsFor(e, lang) }));
	const result = linkTerms(html, terms, { href: entryHref, describedBy: noteId });
	linkedCache.set(key, result);
	return result;
}

/** The short explanations of the linked terms, in the reader's interface language. */
export async function glossaryNotes(slugs: string[], locale: string): Promise<TermNote[]> {
	if (!slugs.length) return [];
	const bySlug = new Map((await glossaryEntries()).map((e) => [e.slug, e]));
	return slugs.flatMap((slug) => {
		const e = bySlug.get(slug);
		const text = e && (e.texts[locale] ?? e.texts.de);
		return e && text ? [{ slug, term: e.term, name: text.name, short: text.short, id: noteId(slug) }] : [];
	});
}

/** The same as HTML for the lesson page (empty when the lesson links no term). */
export async function glossaryNotesHtml(slugs: string[], locale: string): Promise<string> {
	return renderTermNotes(await glossaryNotes(slugs, locale), {
		title: t(locale, 'a11y_glossary_notes_title'),
		more: (term) => t(locale, 'a11y_glossary_notes_more', { term }),
		href: entryHref,
		lang: locale,
		dir: textDirection(locale)
	});
}
