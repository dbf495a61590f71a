// Every message key the admin module hands to the pages exists in German and English.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
// a message is a text, or (plurals) a list of variants whose texts are in `match`
type Message = string | { match: Record<string, string> }[];
const load = (locale: string) => JSON.parse(fs.readFileSync(path.resolve(`messages/${locale}/admin.json`), 'utf8')) as Record<string, Message>;
const texts = (m: Message) => (typeof m === 'string' ? [m] : m.flatMap((v) => Object.values(v.match)));

describe('admin messages', () => {
	it('has every admin_ key used by the server module, in both languages, with the same placeholders', () => {
		const de = load('de');
		const en = load('en');
		const used = new Set<string>();
		for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
			for (const key of fs.readFileSync(path.join(dir, file), 'utf8').match(/admin_[a-z_]+/g) ?? []) used.add(key);
		}
		expect(used.size).toBeGreaterThan(10);
		for (const key of used) {
			expect(de[key], `de ${key}`).toBeTruthy();
			expect(en[key], `en ${key}`).toBeTruthy();
		}
		expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
		const params = (m: Message) => [...new Set(texts(m).flatMap((s) => s.match(/\{[a-z]+\}/g) ?? []))].sort();
		for (const key of Object.keys(de)) expect(params(en[key]), key).toEqual(params(de[key]));
	});
});
