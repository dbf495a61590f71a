// Imports content/glossary/*.md into the database: idempotent, refuses broken files (the last good entry stays),
// removes entries whose file is gone, and checks what only the whole glossary can tell (related entries exist,
// no word form links to two entries).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { db, schema, write } from '../db';
import { GLOSSARY_PARSER_VERSION, parseGlossaryEntry, type GlossaryEntry } from '../../content/glossary';
import type { ContentProblem } from '../../content/lesson';
import { bumpGlossaryVersion } from './read';

export const GLOSSARY_STATE_KEY = 'glossary';

export interface GlossaryImportReport {
	imported: number;
	unchanged: number;
	removed: number;
	errors: ContentProblem[];
}

function lineOf(src: string, key: string): number {
	const i = src.split('\n').findIndex((l) => l.startsWith(key));
	return i < 0 ? 1 : i + 1;
}

function listFiles(dir: string): string[] {
	try {
		return fs
			.readdirSync(dir, { withFileTypes: true })
			.filter((e) => e.isFile() && e.name.endsWith('.md') && e.name !== 'README.md')
			.map((e) => e.name)
			.sort();
	} catch {
		return [];
	}
}

export async function importGlossary(contentDir: string, opts: { force?: boolean } = {}): Promise<GlossaryImportReport> {
	const dir = path.join(contentDir, 'glossary');
	const names = listFiles(dir);
	const sources = new Map(names.map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8')]));
	const tree = createHash('sha256').update(GLOSSARY_PARSER_VERSION);
	for (const [n, src] of sources) tree.update(n + '\0' + src + '\0');
	const hash = tree.digest('hex');
	const state = (await db().select().from(schema.contentState).where(eq(schema.contentState.key, GLOSSARY_STATE_KEY)).limit(1))[0];
	if (!opts.force && state?.hash === hash) return { imported: 0, unchanged: names.length, removed: 0, errors: JSON.parse(state.errors) as ContentProblem[] };

	const errors: ContentProblem[] = [];
	const parsed: { file: string; src: string; entry: GlossaryEntry }[] = [];
	for (const [name, src] of sources) {
		const file = `glossary/${name}`;
		const r = parseGlossaryEntry(src, file, name);
		if (r.ok) parsed.push({ file, src, entry: r.value });
		else errors.push(...r.errors);
	}
	const existing = await db().select().from(schema.glossaryEntries);
	// a refused file keeps its last good entry, so it still counts for links and "related"
	const refused = new Set(names.filter((n) => !parsed.some((p) => p.file === `glossary/${n}`)).map((n) => n.replace(/\.md$/, '')));
	const known = new Set([...parsed.map((p) => p.entry.slug), ...existing.filter((e) => refused.has(e.slug)).map((e) => e.slug)]);
	const formOwner = new Map<string, { slug: string; file: string }>();
	for (const e of existing.filter((x) => refused.has(x.slug))) {
		const data = JSON.parse(e.data) as GlossaryEntry;
		for (const [lang, words] of Object.entries(data.forms)) for (const w of words) formOwner.set(`${lang}\0${w}`, { slug: e.slug, file: e.sourcePath });
	}
	const accepted: typeof parsed = [];
	for (const p of parsed) {
		const problems: ContentProblem[] = [];
		const unknown = p.entry.related.filter((r) => !known.has(r));
		if (unknown.length) problems.push({ file: p.file, line: lineOf(p.src, 'related:'), reason: `"related" names entries that do not exist: ${unknown.join(', ')}` });
		for (const [lang, words] of Object.entries(p.entry.forms)) {
			for (const w of words) {
				const owner = formOwner.get(`${lang}\0${w}`);
				if (owner && owner.slug !== p.entry.slug) problems.push({ file: p.file, line: lineOf(p.src, lang === 'de' ? 'forms:' : `forms_${lang}:`), reason: `the word "${w}" (${lang}) already links to "${owner.slug}" (${owner.file}); a word can link to one entry only` });
			}
		}
		if (problems.length) {
			errors.push(...problems);
			continue;
		}
		for (const [lang, words] of Object.entries(p.entry.forms)) for (const w of words) formOwner.set(`${lang}\0${w}`, { slug: p.entry.slug, file: p.file });
		accepted.push(p);
	}

	const report: GlossaryImportReport = { imported: 0, unchanged: 0, removed: 0, errors };
	const now = Date.now();
	await write(async (tx) => {
		const bySlug = new Map(existing.map((e) => [e.slug, e]));
		for (const { file, entry } of accepted) {
			const old = bySlug.get(entry.slug);
			if (old && old.sourceHash === entry.hash && old.sourcePath === file) {
				report.unchanged++;
				continue;
			}
			const row = { slug: entry.slug, term: entry.term, data: JSON.stringify(entry), sourcePath: file, sourceHash: entry.hash, updatedAt: now };
			await tx.insert(schema.glossaryEntries).values(row).onConflictDoUpdate({ target: schema.glossaryEntries.slug, set: row });
			report.imported++;
		}
		const present = new Set(names.map((n) => n.replace(/\.md$/, '')));
		for (const e of existing) {
			if (present.has(e.slug)) continue;
			await tx.delete(schema.glossaryEntries).where(eq(schema.glossaryEntries.slug, e.slug));
			report.removed++;
		}
		const row = { key: GLOSSARY_STATE_KEY, hash, errors: JSON.stringify(errors), importedAt: now };
		await tx.insert(schema.contentState).values(row).onConflictDoUpdate({ target: schema.contentState.key, set: row });
	});
	bumpGlossaryVersion();
	return report;
}
