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
import type { GlossaryRow } from '../db/schema';
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
	const parsed: ParsedFile[] = [];
	for (const [name, src] of sources) {
		const file = `glossary/${name}`;
		const r = parseGlossaryEntry(src, file, name);
		if (r.ok) parsed.push({ file, src, entry: r.value });
		else errors.push(...r.errors);
	}
	const existing = await db().select().from(schema.glossaryEntries);
	const accepted = crossCheck(parsed, existing, names, errors);

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

type ParsedFile = { file: string; src: string; entry: GlossaryEntry };

/**
 * What only the whole glossary can tell. A word listed by two entries refuses every file that lists it (the entries
 * keep their last good state, so nothing links differently until the files agree); a refused file's last good entry
 * still owns its words and still exists for "related".
 */
function crossCheck(parsed: ParsedFile[], existing: GlossaryRow[], names: string[], errors: ContentProblem[]): ParsedFile[] {
	const refusedOld = (accepted: ParsedFile[]) => {
		const ok = new Set(accepted.map((p) => p.entry.slug));
		return existing.filter((e) => names.includes(`${e.slug}.md`) && !ok.has(e.slug));
	};
	let accepted = parsed;
	const problems = new Map<string, ContentProblem[]>();
	for (let changed = true; changed; ) {
		changed = false;
		const owners = new Map<string, { slug: string; file: string; parsed?: ParsedFile }[]>();
		const claim = (lang: string, word: string, o: { slug: string; file: string; parsed?: ParsedFile }) => {
			const key = `${lang}\0${word}`;
			owners.set(key, [...(owners.get(key) ?? []), o]);
		};
		for (const e of refusedOld(accepted)) {
			for (const [lang, words] of Object.entries((JSON.parse(e.data) as GlossaryEntry).forms)) for (const w of words) claim(lang, w, { slug: e.slug, file: e.sourcePath });
		}
		for (const p of accepted) for (const [lang, words] of Object.entries(p.entry.forms)) for (const w of words) claim(lang, w, { slug: p.entry.slug, file: p.file, parsed: p });
		for (const [key, list] of owners) {
			if (list.length < 2) continue;
			const [lang, word] = key.split('\0');
			for (const o of list) {
				if (!o.parsed) continue;
				const others = list.filter((x) => x !== o).map((x) => `"${x.slug}" (${x.file})`).join(', ');
				const line = lineOf(o.parsed.src, lang === 'de' ? 'forms:' : `forms_${lang}:`);
				problems.set(o.file, [...(problems.get(o.file) ?? []), { file: o.file, line, reason: `the word "${word}" (${lang}) also links to ${others}; a word can link to one entry only` }]);
			}
		}
		const before = accepted.length;
		accepted = accepted.filter((p) => !problems.has(p.file));
		changed = accepted.length !== before;
	}
	const known = new Set([...accepted.map((p) => p.entry.slug), ...refusedOld(accepted).map((e) => e.slug)]);
	for (const p of parsed) {
		const unknown = p.entry.related.filter((r) => !known.has(r) && r !== p.entry.slug);
		if (unknown.length) problems.set(p.file, [{ file: p.file, line: lineOf(p.src, 'related:'), reason: `"related" names entries that do not exist: ${unknown.join(', ')}` }, ...(problems.get(p.file) ?? [])]);
	}
	for (const p of parsed) errors.push(...(problems.get(p.file) ?? []));
	return accepted.filter((p) => !problems.has(p.file));
}
