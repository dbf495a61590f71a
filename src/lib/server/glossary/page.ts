// The glossary page's data in the reader's language: every entry's name and explanation, the German text beside it.
import type { GlossaryEntry } from '../../content/glossary';
import { glossaryEntries } from './read';

export interface GlossaryPageEntry {
	slug: string;
	term: string;
	/** the term's name in the reader's language; null when it is the German term itself */
	name: string | null;
	html: string;
	/** the German explanation, for readers of another language */
	germanHtml: string | null;
	related: { slug: string; term: string; name: string | null }[];
}

function nameIn(e: GlossaryEntry, locale: string): string | null {
	const name = e.texts[locale]?.name;
	return name && name !== e.term ? name : null;
}

export async function glossaryPage(locale: string): Promise<{ entries: GlossaryPageEntry[]; demo: boolean }> {
	const all = await glossaryEntries();
	const bySlug = new Map(all.map((e) => [e.slug, e]));
	const entries = all.map((e) => {
		const text = e.texts[locale] ?? e.texts.de;
		return {
			slug: e.slug,
			term: e.term,
			name: nameIn(e, locale),
			html: text.html,
			germanHtml: locale !== 'de' && e.texts[locale] ? e.texts.de.html : null,
			related: e.related.flatMap((slug) => {
				const r = bySlug.get(slug);
				return r ? [{ slug, term: r.term, name: nameIn(r, locale) }] : [];
			})
		};
	});
	return { entries, demo: all.some((e) => e.demo) };
}
