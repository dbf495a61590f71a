// What trainers noticed (issue 13): a new course is a draft until published (404 and absent for others, a preview
// for its trainers), "1,5" hours stays 1.5, the module form empties after creating one, a trainer lands in the
// studio after login, and the studio speaks German about a broken lesson, naming the line.
import { expect, test } from '@playwright/test';
import { createUserInDb, expectAccessible, login, register, visit } from './helpers';

test('a new course is a draft: trainers preview it, others get 404, publishing makes it visible', async ({ browser, page }) => {
	test.setTimeout(420_000);
	const trainer = await createUserInDb('trainer', { name: 'Dora Draft' });
	const slug = `entwurf-${Date.now().toString(36)}`;
	await login(page, trainer.email, trainer.password);
	// no return target: a trainer starts in the studio
	await page.waitForURL('**/studio');

	await visit(page, '/studio/courses/new');
	await page.getByLabel('Titel', { exact: true }).fill('Entwurfskurs');
	await page.getByLabel('Adresse (optional)').fill(slug);
	await page.getByLabel('Zusammenfassung (Deutsch)').fill('Ein Kurs, der noch nicht fertig ist (Demo).');
	await page.getByLabel('Umfang in Stunden').fill('1,5');
	await page.getByRole('button', { name: 'Kurs anlegen' }).click();
	await expect(page.getByText('Der Kurs ist angelegt.')).toBeVisible();
	await expect(page.getByRole('region', { name: 'Veröffentlichung' }).getByText('Entwurf', { exact: true })).toBeVisible();
	await expectAccessible(page);

	// two modules one after the other: the title field is empty again after each
	const title = page.locator('#new-module');
	await title.fill('Grundlagen');
	await page.getByRole('button', { name: 'Modul anlegen' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Grundlagen' })).toBeVisible();
	await expect(title).toHaveValue('');
	await title.fill('Vertiefung');
	await page.getByRole('button', { name: 'Modul anlegen' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Vertiefung' })).toBeVisible();
	await expect(title).toHaveValue('');

	// "1,5" was stored as one and a half hours, shown back with the German comma
	await visit(page, `/studio/courses/${slug}/settings`);
	await expect(page.getByLabel('Umfang in Stunden')).toHaveValue('1,5');
	const { db, schema } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	expect((await db().select().from(schema.courses).where(eq(schema.courses.slug, slug)))[0].hours).toBe(1.5);

	// a broken lesson: the editor says so in German, with the line
	await visit(page, `/studio/courses/${slug}`);
	await page.getByText('Lektion hinzufügen').first().click();
	await page.getByLabel('Titel der Lektion').first().fill('Erste Lektion');
	await page.getByRole('button', { name: 'Lektion anlegen' }).first().click();
	await page.waitForURL(`**/studio/courses/${slug}/lessons/erste-lektion`);
	await expect(page.locator('.cm-content')).toBeVisible();
	const body = page.getByRole('textbox', { name: 'Text der Lektion (Markdown)' });
	await body.fill('Ein Text. (Demo)\n\n## Quiz\n\n### Was gilt?\n\n- [ ] Eins\n- [ ] Zwei\n');
	await expect(page.getByText('Zeile 5: Die Frage „Was gilt?“ hat keine richtige Antwort', { exact: false }).first()).toBeVisible();
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Nicht veröffentlicht' })).toContainText('Zeile 5: Die Frage „Was gilt?“ hat keine richtige Antwort');
	await expect(page.getByText(/has no right option|must be|is missing/)).toHaveCount(0);
	await body.fill('Ein Text. (Demo)\n\n## Quiz\n\n### Was gilt?\n\n- [x] Eins\n- [ ] Zwei\n');
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByText('Veröffentlicht. Lernende sehen ab sofort diese Fassung.')).toBeVisible();

	// the lesson is published, the course is not: nobody else finds or opens it
	const anon = await browser.newContext({ locale: 'de-DE' });
	const anonPage = await anon.newPage();
	expect((await anonPage.goto(`/courses/${slug}`))?.status()).toBe(404);
	expect((await anonPage.goto(`/courses/${slug}/erste-lektion`))?.status()).toBe(404);
	await anonPage.goto(`/courses?q=Entwurfskurs`);
	await expect(anonPage.getByRole('link', { name: 'Entwurfskurs' })).toHaveCount(0);
	const learnerContext = await browser.newContext({ locale: 'de-DE' });
	const learner = await learnerContext.newPage();
	await register(learner, { name: 'Lea Lernende' });
	expect((await learner.goto(`/courses/${slug}`))?.status()).toBe(404);

	// the trainer previews it as learners will see it; the preview writes no progress
	await visit(page, `/studio/courses/${slug}`);
	await page.getByRole('link', { name: 'Vorschau als Teilnehmende:r' }).click();
	await expect(page.getByRole('note')).toContainText('Vorschau:');
	await expect(page.getByRole('heading', { level: 1, name: 'Entwurfskurs' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Erste Lektion' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Erste Lektion' })).toBeVisible();
	await expect(page.getByText('Ein Text. (Demo)')).toBeVisible();
	await expectAccessible(page);
	expect(await db().select().from(schema.enrolments).where(eq(schema.enrolments.userId, trainer.id))).toEqual([]);

	// published: now everyone sees it
	await visit(page, `/studio/courses/${slug}`);
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByText('Der Kurs ist veröffentlicht.')).toBeVisible();
	expect((await anonPage.goto(`/courses/${slug}`))?.status()).toBe(200);
	await anonPage.goto(`/courses?q=Entwurfskurs`);
	await expect(anonPage.getByRole('link', { name: 'Entwurfskurs' })).toBeVisible();
	// and withdrawn again: gone
	await page.getByRole('button', { name: 'Veröffentlichung zurückziehen' }).click();
	await expect(page.getByText('Der Kurs ist wieder ein Entwurf.', { exact: false })).toBeVisible();
	expect((await learner.goto(`/courses/${slug}`))?.status()).toBe(404);
	await anon.close();
	await learnerContext.close();
});

test('an admin lands in the admin area after login, an explicit return target wins', async ({ page }) => {
	const admin = await createUserInDb('admin');
	await login(page, admin.email, admin.password);
	await page.waitForURL('**/admin');
	const trainer = await createUserInDb('trainer');
	await page.context().clearCookies();
	await page.goto('/login?redirectTo=%2Fpodcast');
	await page.getByLabel(/E-Mail-Adresse/).fill(trainer.email);
	await page.getByLabel(/^Passwort$/).fill(trainer.password);
	await page.getByRole('button', { name: /^Anmelden$/ }).click();
	await page.waitForURL('**/podcast');
});
