// On a slow phone people type before the page's code has come. Hydration must not empty the fields they filled.
import { expect, test } from '@playwright/test';
import { holdScripts } from './helpers';

for (const [path, fields] of [
	['/login', ['E-Mail-Adresse']],
	['/register', ['E-Mail-Adresse', 'Anzeigename']],
	['/reset', ['E-Mail-Adresse']]
] as const) {
	test(`${path}: what was typed before the page's code came is still there after it`, async ({ browser }) => {
		const context = await browser.newContext({ locale: 'de-DE', serviceWorkers: 'block' });
		const page = await context.newPage();
		// every script of the page held back until the fields are filled
		const held = await holdScripts(page, ['']);
		await page.goto(path, { waitUntil: 'domcontentloaded' });
		for (const label of fields) await page.getByLabel(label, { exact: true }).fill('noor@example.org');
		held.release();
		await expect.poll(() => held.delivered()).toBe(true);
		await page.waitForLoadState('networkidle');
		for (const label of fields) await expect(page.getByLabel(label, { exact: true })).toHaveValue('noor@example.org');
		await context.close();
	});
}
