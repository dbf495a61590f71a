import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGlossary } from './import';
import { glossaryEntries, glossaryNotes, linkLessonTerms } from './read';

const REPO_GLOSSARY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../content/glossary');

function copyGlossary(): string {
	const dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'glossary-'));
	fs.cpSync(REPO_GLOSSARY, path.join(dir, 'glossary'), { recursive: true });
	return dir;
}
const file = (dir: string, slug: string) => path.join(dir, 'glossary', `${slug}.md`);
const edit = (dir: string, slug: string, fn: (s: string) => string) => fs.writeFileSync(file(dir, slug), fn(fs.readFileSync(file(dir, slug), 'utf8')));

describe('glossary import', () => {
	const dir = copyGlossary();
	const count = fs.readdirSync(path.join(dir, 'glossary')).filter((f) => f.endsWith('.md')).length;

	it('imports every shipped entry, then writes nothing when nothing changed', async () => {
		expect(await importGlossary(dir)).toEqual({ imported: count, unchanged: 0, removed: 0, errors: [] });
		expect(await importGlossary(dir)).toEqual({ imported: 0, unchanged: count, removed: 0, errors: [] });
		expect(await importGlossary(dir, { force: true })).toEqual({ imported: 0, unchanged: count, removed: 0, errors: [] });
		const entries = await glossaryEntries();
		expect(entries.map((e) => e.slug)).toContain('antrag');
		// German alphabetical order: Ä sorts with A
		const terms = entries.map((e) => e.term);
		expect(terms).toEqual([...terms].sort((a, b) => a.localeCompare(b, 'de')));
	});

	it('links a lesson with the current glossary and gives the short explanations in the reader’s language', async () => {
		const html = '<h2 id="x">Der Antrag</h2><p>Der Beirat stellt einen Antrag an den Ausschuss. Die Anträge …</p>';
		const r = await linkLessonTerms('rev-1', html, 'de');
		expect(r.linked).toEqual(['beirat', 'antrag', 'ausschuss']);
		const notes = await glossaryNotes(r.linked, 'uk');
		expect(notes.map((n) => [n.slug, n.term, n.name])).toEqual([
			['beirat', 'Beirat', 'дорадча рада'],
			['antrag', 'Antrag', 'пропозиція'],
			['ausschuss', 'Ausschuss', 'комітет']
		]);
		expect(notes[1].short).toMatch(/^Пропозиція \(Antrag\) — це письмова пропозиція/);
		expect(notes[1].id).toBe('glossary-note-antrag');
	});

	it('refuses a broken file with file and line, keeps its last good entry, and imports the rest', async () => {
		edit(dir, 'antrag', (s) => s.replace(/\n## ru: [^\n]*\n[\s\S]*$/, '\n'));
		edit(dir, 'beschluss', (s) => s.replace('Ein Beschluss ist', 'Ein Beschluss (neu) ist'));
		const r = await importGlossary(dir);
		expect(r.errors).toEqual([{ file: 'glossary/antrag.md', line: expect.any(Number), reason: expect.stringContaining('missing in: ru') }]);
		expect(r).toMatchObject({ imported: 1, unchanged: count - 2 });
		const entries = await glossaryEntries();
		expect(entries.find((e) => e.slug === 'antrag')?.texts.ru.name).toBe('предложение');
		expect(entries.find((e) => e.slug === 'beschluss')?.texts.de.short).toMatch(/^Ein Beschluss \(neu\) ist/);
		// the refused entry still links, with its last good forms
		expect((await linkLessonTerms('rev-2', '<p>Anträge</p>', 'de')).linked).toEqual(['antrag']);
	});

	it('refuses unknown related entries and a word that already links to another entry', async () => {
		fs.cpSync(REPO_GLOSSARY + '/antrag.md', file(dir, 'antrag'));
		edit(dir, 'anfrage', (s) => s.replace('forms: [Anfragen]', 'forms: [Anfragen, Anträge]').replace('related: [antrag, verwaltung]', 'related: [antrag, gibt-es-nicht]'));
		const r = await importGlossary(dir);
		const lineIn = (slug: string, key: string) => fs.readFileSync(file(dir, slug), 'utf8').split('\n').findIndex((l) => l.startsWith(key)) + 1;
		// both files that list the word are refused: nothing links differently until they agree
		expect(r.errors).toEqual([
			{ file: 'glossary/anfrage.md', line: lineIn('anfrage', 'related:'), reason: '"related" names entries that do not exist: gibt-es-nicht' },
			{ file: 'glossary/anfrage.md', line: lineIn('anfrage', 'forms:'), reason: 'the word "Anträge" (de) also links to "antrag" (glossary/antrag.md); a word can link to one entry only' },
			{ file: 'glossary/antrag.md', line: lineIn('antrag', 'forms:'), reason: 'the word "Anträge" (de) also links to "anfrage" (glossary/anfrage.md); a word can link to one entry only' }
		]);
		const linked = await linkLessonTerms('rev-3', '<p>Anträge und Anfragen</p>', 'de');
		expect(linked.linked).toEqual(['antrag', 'anfrage']);
	});

	it('removes the entry of a deleted file', async () => {
		fs.cpSync(REPO_GLOSSARY + '/anfrage.md', file(dir, 'anfrage'));
		// no other entry names "haushalt" as related
		fs.rmSync(file(dir, 'haushalt'));
		const r = await importGlossary(dir);
		expect(r).toMatchObject({ removed: 1, errors: [] });
		expect((await glossaryEntries()).some((e) => e.slug === 'haushalt')).toBe(false);
		expect((await linkLessonTerms('rev-4', '<p>Der Haushalt und die Anfrage</p>', 'de')).linked).toEqual(['anfrage']);
	});
});
