// A trainer who owns a course sees a learner's completed lesson in the studio's analytics and in its CSV download.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { createUserInDb, login, logout, visit } from './helpers';

test('the owning trainer sees a learner’s completion in charts, tables and the CSV', async ({ browser }) => {
	test.setTimeout(150_000);
	const name = `Lina Analyse ${Date.now().toString(36)}`;
	const learner = await createUserInDb('learner', { name });
	const trainer = await createUserInDb('trainer', { name: 'Tara Trainerin' });
	const { allCourses, courseOutline } = await import('../../src/lib/server/courses/catalogue');
	const { addCourseOwner } = await import('../../src/lib/server/courses/ownership');
	const course = (await allCourses()).find((c) => c.visibility === 'public')!;
	const outline = (await courseOutline(course.slug))!;
	const lesson = outline.lessons.find((l) => !l.hasQuiz)!;
	await addCourseOwner(course.id, trainer.id);

	const page = await (await browser.newContext()).newPage();
	await login(page, learner.email, learner.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	await visit(page, `/courses/${course.slug}/${lesson.slug}`);
	await page.getByRole('button', { name: 'Als erledigt markieren' }).click();
	await page.waitForURL(/#progress/);
	await logout(page);

	await login(page, trainer.email, trainer.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	await visit(page, '/studio/analytics');
	await expect(page.getByRole('heading', { level: 1, name: 'Auswertung' })).toBeVisible();
	await page.getByRole('link', { name: course.title }).click();
	await expect(page.getByRole('heading', { level: 2, name: `Auswertung: ${course.title}` })).toBeVisible();
	await visit(page, page.url().replace(/^https?:\/\/[^/]+/, ''));

	// every chart is an image with a spoken summary, and its numbers are in a table
	const charts = page.locator('svg[role="img"]');
	expect(await charts.count()).toBeGreaterThanOrEqual(2);
	for (const label of await charts.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))) expect(label.length).toBeGreaterThan(10);
	await page.getByText('Daten als Tabelle: Lektionen: wie weit Lernende kommen').click();
	const funnel = page.getByRole('table', { name: 'Lektionen: wie weit Lernende kommen' });
	const row = funnel.getByRole('row').filter({ has: page.getByRole('rowheader', { name: String(outline.lessons.indexOf(lesson) + 1), exact: true }) });
	await expect(row).toContainText(lesson.title);
	expect(Number((await row.getByRole('cell').nth(2).textContent())!.trim())).toBeGreaterThanOrEqual(1);

	// the learner's row: one lesson done
	const learners = page.getByRole('table', { name: 'Lernende in diesem Kurs' });
	const mine = learners.getByRole('row').filter({ has: page.getByRole('link', { name }) });
	await expect(mine).toContainText(`1 von ${outline.lessons.length}`);

	// the CSV download of that table contains it too
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV herunterladen: Lernende in diesem Kurs' }).click()]);
	expect(download.suggestedFilename()).toMatch(/^learners-.*\.csv$/);
	const csv = fs.readFileSync((await download.path())!, 'utf8');
	expect(csv).toContain(`${name},1 von ${outline.lessons.length}`);
	const res = await page.request.get(`/studio/analytics/funnel.csv?course=${encodeURIComponent(course.id)}`);
	expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="funnel-/);
	expect(await res.text()).toContain(lesson.title.includes(',') ? `"${lesson.title}"` : lesson.title);

	// the people list finds the learner by a part of the name (a GET form: works without JavaScript)
	const courseView = new URL(page.url());
	await visit(page, '/studio/analytics/learners');
	await page.getByLabel('Nach Namen suchen').fill(name.slice(2, 9));
	await page.getByRole('button', { name: 'Suchen' }).click();
	await expect(page.getByRole('status')).toHaveText('1 Person gefunden');
	await expect(page.getByRole('row').filter({ has: page.getByRole('link', { name }) })).toBeVisible();
	await visit(page, courseView.pathname + courseView.search);

	// the learner's own page for the trainer
	await mine.getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Fortschritt: ${name}` })).toBeVisible();
	await visit(page, new URL(page.url()).pathname);

	// an episode embedded in the course: the learner listened past the first minute
	const { db, schema } = await import('../../src/lib/server/db');
	const { and, eq, isNotNull } = await import('drizzle-orm');
	const embedded = (await db().select({ episode: schema.lessons.episode }).from(schema.lessons).where(and(eq(schema.lessons.courseId, course.id), isNotNull(schema.lessons.episode))).limit(1))[0]?.episode;
	test.skip(!embedded, 'the course embeds no episode');
	const { saveListening } = await import('../../src/lib/server/podcast/listening');
	const listen = async () => {
		const r = await saveListening(learner.id, { episode: embedded!, position: 65, at: Date.now() });
		return r.ok ? 'ok' : r.reason;
	};
	// the server packages the demo audio after its start; wait for it
	await expect.poll(listen, { timeout: 60_000 }).toBe('ok');
	await visit(page, '/studio/analytics');
	await page.getByRole('region', { name: 'Podcast-Folgen' }).getByRole('link').first().click();
	await expect(page.getByRole('heading', { level: 1, name: /^Folge: / })).toBeVisible();
	await visit(page, new URL(page.url()).pathname);
	await expect(page.getByRole('img', { name: /(Person mit Konto hat|Personen mit Konto haben) zugehört\./ })).toBeVisible();
	const episodeId = new URL(page.url()).pathname.split('/').pop()!;
	const retention = await (await page.request.get(`/studio/analytics/retention.csv?episode=${episodeId}`)).text();
	expect(retention.split('\r\n')[2]).toMatch(/^1,[1-9]/);
});
