// Issue 11: Lighthouse's accessibility score is 100 on the start page, a lesson and an episode (mobile, the pinned
// Lighthouse 12.2.3 with the system Chromium), and the public pages run without a console error or a blocked inline
// script (Svelte renders `onload`/`onerror` capture attributes on an <img> with spread attributes, which the CSP blocks).
import { expect, test } from '@playwright/test';
import { runLighthouse } from '../lighthouse';

const base = () => process.env.E2E_BASE_URL!;

/** The start page, the first lesson of the first course and the first episode, found the way a visitor finds them. */
async function pages(): Promise<string[]> {
	const catalogue = await (await fetch(base() + '/courses')).text();
	const course = /href="(\/courses\/[a-z0-9-]+)"/.exec(catalogue)![1];
	const lesson = /href="(\/courses\/[a-z0-9-]+\/[a-z0-9-]+)"/.exec(await (await fetch(base() + course)).text())![1];
	const episode = /href="(\/podcast\/(?!feed)[a-z0-9-]+)"/.exec(await (await fetch(base() + '/podcast')).text())![1];
	return ['/', '/courses', course, lesson, '/podcast', episode];
}

test('Lighthouse accessibility is 100 on the start page, a lesson and an episode', async () => {
	test.setTimeout(180_000);
	const all = await pages();
	const chosen = [all[0], all[3], all[5]];
	const results = await runLighthouse(chosen.map((p) => base() + p), ['accessibility']);
	const below = results.filter((r) => r.scores.accessibility !== 100).map((r) => `${r.url}: ${r.scores.accessibility} (${r.failing.map((f) => f.id).join(', ')})`);
	expect(below).toEqual([]);
});

test('the public pages load without a console error or a Content-Security-Policy violation, each with a description', async ({ page }) => {
	const problems: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') problems.push(`${page.url()}: ${msg.text()}`);
	});
	page.on('pageerror', (err) => problems.push(`${page.url()}: ${err.message}`));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP blocked ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`));
	});
	for (const p of await pages()) {
		await page.goto(p, { waitUntil: 'load' });
		await page.waitForLoadState('networkidle');
		// search engines and link previews show it (Lighthouse's SEO audit asks for it)
		const description = await page.locator('meta[name="description"]').getAttribute('content');
		if (!description?.trim()) problems.push(`${p}: no meta description`);
	}
	expect(problems).toEqual([]);
});
