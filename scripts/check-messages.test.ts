import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkMessages, formatProblems, placeholders } from './check-messages';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the message files of every interface language', () => {
	it('have every message, none empty, none left in English, with the placeholders of the German original', () => {
		const problems = checkMessages(root);
		// the list itself is the failure message: file, key and what is wrong
		expect(formatProblems(problems.slice(0, 200)) + (problems.length > 200 ? `\n… and ${problems.length - 200} more` : '')).toBe('');
	});

	it('cover the seven interface languages, each with a folder', () => {
		const settings = JSON.parse(fs.readFileSync(path.join(root, 'project.inlang/settings.json'), 'utf8'));
		expect(settings.locales).toEqual(['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru']);
		for (const l of settings.locales) expect(fs.existsSync(path.join(root, 'messages', l)), l).toBe(true);
	});
});

// The check itself, on small message folders made here: it must catch what a translator can get wrong.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'messages-check-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;

type Files = Record<string, Record<string, string>>;
function project(files: Files, extra: { pathPattern?: string[]; raw?: Record<string, string> } = {}) {
	const dir = path.join(tmp, String(n++));
	fs.mkdirSync(path.join(dir, 'project.inlang'), { recursive: true });
	const names = new Set<string>();
	for (const [rel, json] of Object.entries(files)) {
		fs.mkdirSync(path.join(dir, 'messages', path.dirname(rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, 'messages', rel), JSON.stringify(json, null, '\t'));
		names.add(path.basename(rel));
	}
	for (const [rel, text] of Object.entries(extra.raw ?? {})) {
		fs.mkdirSync(path.join(dir, 'messages', path.dirname(rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, 'messages', rel), text);
		names.add(path.basename(rel));
	}
	const pathPattern = extra.pathPattern ?? [...names].map((f) => `./messages/{locale}/${f}`);
	fs.writeFileSync(path.join(dir, 'project.inlang/settings.json'), JSON.stringify({ baseLocale: 'de', locales: ['de', 'en', 'ar'], 'plugin.inlang.messageFormat': { pathPattern } }));
	return checkMessages(dir);
}

const good: Files = {
	'de/a.json': { $schema: 'x', hello: 'Hallo {name}', count: '{n} Kurse' },
	'en/a.json': { hello: 'Hello {name}', count: '{n} courses' },
	'ar/a.json': { hello: 'مرحبا {name}', count: '{n} دورات' }
};
const problems = (files: Files, extra?: Parameters<typeof project>[1]) => project(files, extra).map((p) => `${p.file} ${p.key ?? ''}: ${p.problem}`);

describe('checkMessages', () => {
	it('passes complete, translated files', () => {
		expect(problems(good)).toEqual([]);
	});

	it('finds a broken placeholder', () => {
		const out = problems({ ...good, 'ar/a.json': { hello: 'مرحبا {name', count: '{n} دورات' } });
		expect(out.join('\n')).toMatch(/messages\/ar\/a\.json hello: broken placeholder: a "\{" without its "\}"/);
		expect(problems({ ...good, 'ar/a.json': { hello: 'مرحبا name}', count: '{n} دورات' } }).join('\n')).toMatch(/ar\/a\.json hello: broken placeholder: a "\}" without/);
		expect(problems({ ...good, 'ar/a.json': { hello: 'مرحبا { name }', count: '{n} دورات' } }).join('\n')).toMatch(/"\{ name \}" is not a placeholder name/);
	});

	it('finds placeholders that differ from German: renamed, dropped or added', () => {
		expect(problems({ ...good, 'ar/a.json': { hello: 'مرحبا {nom}', count: '{n} دورات' } })).toContain("messages/ar/a.json hello: placeholders {nom} differ from de's {name}");
		expect(problems({ ...good, 'en/a.json': { hello: 'Hello', count: '{n} courses' } })).toContain("messages/en/a.json hello: placeholders none differ from de's {name}");
		expect(problems({ ...good, 'ar/a.json': { hello: 'مرحبا {name} {n}', count: '{n} دورات' } })).toContain("messages/ar/a.json hello: placeholders {n} {name} differ from de's {name}");
	});

	it('finds a missing or empty message, and a missing file', () => {
		expect(problems({ ...good, 'ar/a.json': { hello: 'مرحبا {name}' } })).toEqual(['messages/ar/a.json count: the message is missing']);
		expect(problems({ ...good, 'ar/a.json': { hello: 'مرحبا {name}', count: '  ' } })).toContain('messages/ar/a.json count: the text is empty');
		const { 'ar/a.json': _, ...withoutAr } = good;
		expect(problems({ ...withoutAr, 'de/b.json': { b: 'B' }, 'en/b.json': { b: 'Bee' }, 'ar/b.json': { b: 'ب' } })).toEqual(['messages/ar/a.json : the file is missing']);
	});

	it('finds a key only a translation has (a typo in the key)', () => {
		expect(problems({ ...good, 'ar/a.json': { hello: 'مرحبا {name}', count: '{n} دورات', helo: 'مرحبا' } })).toEqual(
			expect.arrayContaining(['messages/de/a.json helo: the message is missing', 'messages/en/a.json helo: the message is missing'])
		);
	});

	it('finds a text left in English', () => {
		expect(problems({ ...good, 'ar/a.json': { hello: 'Hello {name}', count: '{n} دورات' } })).toEqual(['messages/ar/a.json hello: the text is the English one: not translated yet']);
	});

	it('finds a key written twice and a file that is not valid JSON', () => {
		const twice = '{\n\t"hello": "مرحبا {name}",\n\t"count": "{n} دورات",\n\t"hello": "أهلا {name}"\n}';
		expect(problems({ 'de/a.json': good['de/a.json'], 'en/a.json': good['en/a.json'] }, { raw: { 'ar/a.json': twice } })).toEqual(['messages/ar/a.json hello: the key is written twice (the first text is silently lost)']);
		expect(problems({ 'de/a.json': good['de/a.json'], 'en/a.json': good['en/a.json'] }, { raw: { 'ar/a.json': '{ "hello": ' } })[0]).toMatch(/^messages\/ar\/a\.json : is not valid JSON/);
	});

	it('finds a new message file that settings.json does not list, so Paraglide would never load it', () => {
		const out = problems({ ...good, 'de/b.json': { x: 'X-Wert {v}' }, 'en/b.json': { x: 'X value {v}' }, 'ar/b.json': { x: 'قيمة {v}' } }, { pathPattern: ['./messages/{locale}/a.json'] });
		expect(out).toEqual(['messages/{locale}/b.json : is not in pathPattern of project.inlang/settings.json, so Paraglide does not load it']);
	});

	it('reads plural variants: their declared inputs count, every variant must have a text', () => {
		const plural = (one: string, other: string) => [{ declarations: ['input n', 'local p = n: plural'], selectors: ['p'], match: { 'p=one': one, 'p=*': other } }];
		const files: Files = {
			'de/a.json': { count: '{n} Kurse' } as Record<string, string>,
			'en/a.json': { count: plural('One course', '{n} courses') } as unknown as Record<string, string>,
			'ar/a.json': { count: plural('دورة واحدة', '{n} دورات') } as unknown as Record<string, string>
		};
		expect(problems(files)).toEqual([]);
		files['ar/a.json'] = { count: plural('', '{n} دورات') } as unknown as Record<string, string>;
		expect(problems(files)).toEqual(['messages/ar/a.json count: the text is empty']);
		files['ar/a.json'] = { count: plural('دورة واحدة', '{m} دورات') } as unknown as Record<string, string>;
		expect(problems(files)).toContain('messages/ar/a.json count: broken placeholder: variant "p=*" uses {m}, which is not declared');
	});

	it('reads placeholders and escaped braces', () => {
		expect([...placeholders('{a} und {b_2}, \\{c\\}')]).toEqual(['a', 'b_2']);
	});
});
