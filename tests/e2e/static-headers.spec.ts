// Issue 8, item 9: the files adapter-node serves itself (the built /_app/* assets, static/) carry
// X-Content-Type-Options: nosniff like every page does, and the hashed ones a year of immutable caching.
import { expect, test } from '@playwright/test';

const base = () => process.env.E2E_BASE_URL!;

test('/_app assets and static files: nosniff everywhere, immutable caching where the name is hashed', async () => {
	const html = await (await fetch(base() + '/')).text();
	// the page links its assets relatively ("./_app/immutable/…") or absolutely, and imports more in a script
	const assets = [...html.matchAll(/["'](?:\.\/|\/)(_app\/immutable\/[^"']+)["']/g)].map((m) => '/' + m[1]);
	expect(assets.length).toBeGreaterThan(0);
	for (const asset of [...new Set(assets)]) {
		const res = await fetch(base() + asset);
		expect(res.status, asset).toBe(200);
		expect(res.headers.get('x-content-type-options'), asset).toBe('nosniff');
		expect(res.headers.get('cache-control'), asset).toMatch(/max-age=31536000.*immutable/);
	}
	// not hashed: no long caching, but nosniff all the same (also on a revalidation and on a miss)
	for (const file of ['/favicon.svg', '/robots.txt', '/_app/version.json']) {
		const res = await fetch(base() + file);
		expect(res.status, file).toBe(200);
		expect(res.headers.get('x-content-type-options'), file).toBe('nosniff');
		expect(res.headers.get('cache-control') ?? '', file).not.toContain('immutable');
		const etag = res.headers.get('etag');
		if (etag) {
			const again = await fetch(base() + file, { headers: { 'if-none-match': etag } });
			expect(again.status, file).toBe(304);
			expect(again.headers.get('x-content-type-options'), file).toBe('nosniff');
		}
	}
	const missing = await fetch(base() + '/_app/immutable/nicht-da.js');
	expect(missing.status).toBe(404);
	expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
});
