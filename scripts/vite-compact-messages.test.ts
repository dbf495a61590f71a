// The browser's compacted messages must say exactly what Paraglide's own say: every message, every locale, with
// counts that pick each plural form (Arabic's zero/two/few/many, Ukrainian's and Russian's few/many).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '@inlang/paraglide-js';
import { compact } from './vite-compact-messages';

const settings = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')) as { locales: string[]; baseLocale: string };
const order = [settings.baseLocale, ...settings.locales.filter((l) => l !== settings.baseLocale)];

describe('compactMessages', () => {
	it('gives every message the same text as Paraglide in every locale', async () => {
		const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mitsprache-compact-'));
		await compile({ project: path.resolve('project.inlang'), outdir: out, outputStructure: 'message-modules' });
		const dir = path.join(out, 'messages');
		const pick = path.join(out, 'pick.js');
		fs.writeFileSync(
			pick,
			`import { getLocale, experimentalStaticLocale, locales } from './runtime.js';
export const pick = (table) => (inputs = {}, options = {}) => {
	const v = table[Math.max(0, locales.indexOf(experimentalStaticLocale ?? options.locale ?? getLocale()))];
	return typeof v === 'function' ? v(inputs) : v;
};`
		);
		const keys = fs.readdirSync(dir).filter((f) => f.endsWith('.js') && f !== '_index.js' && !order.includes(f.slice(0, -3))).map((f) => f.slice(0, -3));
		expect(keys.length).toBeGreaterThan(1000);
		let compared = 0;
		for (const key of keys) {
			const code = fs.readFileSync(path.join(dir, `${key}.js`), 'utf8');
			const compacted = compact(code, key, order);
			expect(compacted, key).not.toBeNull();
			const file = path.join(dir, `${key}.compact.js`);
			fs.writeFileSync(file, compacted!.replace(`'virtual:paraglide-compact-pick'`, JSON.stringify(pathToFileURL(pick).href)));
			const original = (await import(pathToFileURL(path.join(dir, `${key}.js`)).href))[key];
			const rewritten = (await import(pathToFileURL(file).href))[key];
			for (const locale of [...order, 'xx']) {
				for (const n of [0, 1, 2, 3, 5, 11, 21, 1.5]) {
					const inputs = new Proxy({} as Record<string, unknown>, { get: (_, k) => (k === 'n' || k === 'count' ? n : `«${String(k)}»`) });
					expect(rewritten(inputs, { locale }), `${key} ${locale} ${n}`).toBe(original(inputs, { locale }));
					compared++;
				}
			}
		}
		expect(compared).toBe(keys.length * (order.length + 1) * 8);
		fs.rmSync(out, { recursive: true, force: true });
	}, 120_000);
});
