// A trainer's way through the studio in Chromium: create a course, a lesson with a quiz, preview, publish; a learner
// completes it; the trainer edits, sees two revisions, restores the first; a stale save shows the conflict.
import { expect, test, type Page } from '@playwright/test';
import { createUserInDb, expectAccessible, login, register, visit } from './helpers';

const QUIZ = `Ein Beirat berät den Gemeinderat. (Demo-Inhalt)

## Quiz

### Was tut ein Beirat?

- [x] Er berät den Rat
- [ ] Er beschließt den Haushalt

> Beiräte beraten und stellen Anträge.
`;

async function editorBody(page: Page) {
	const body = page.getByRole('textbox', { name: 'Text der Lektion (Markdown)' });
	await expect(page.locator('.cm-content')).toBeVisible();
	return body;
}

test('a trainer writes, previews and publishes a lesson; a learner completes it; history, restore and a stale save', async ({ browser, page }) => {
	test.setTimeout(240_000);
	const trainer = await createUserInDb('trainer', { name: 'Tara Trainerin' });
	const slug = `studio-e2e-${Date.now().toString(36)}`;
	await login(page, trainer.email, trainer.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));

	// a course, a module, a lesson
	await visit(page, '/studio');
	await page.getByRole('link', { name: 'Neuen Kurs anlegen' }).first().click();
	await expectAccessible(page);
	await page.getByLabel('Titel', { exact: true }).fill('Studio-Testkurs');
	await page.getByLabel('Adresse (optional)').fill(slug);
	await page.getByLabel('Zusammenfassung (Deutsch)').fill('Ein Kurs aus dem Studio (Demo).');
	await page.getByLabel('Umfang in Stunden').fill('2');
	await page.getByRole('button', { name: 'Kurs anlegen' }).click();
	await expect(page.getByText('Der Kurs ist angelegt.')).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Titel des Moduls').fill('Grundlagen');
	await page.getByRole('button', { name: 'Modul anlegen' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Grundlagen' })).toBeVisible();
	await page.getByText('Lektion hinzufügen').click();
	await page.getByLabel('Titel der Lektion').fill('Was ein Beirat tut');
	await page.getByRole('button', { name: 'Lektion anlegen' }).click();
	await page.waitForURL(`**/studio/courses/${slug}/lessons/was-ein-beirat-tut`);
	const body = await editorBody(page);
	await expectAccessible(page);

	// a broken quiz: the preview names the line, publishing is refused with the same message
	await body.fill(QUIZ.replace('- [x] Er berät', '- [ ] Er berät'));
	// in German, with the line: no English inside the German studio
	await expect(page.getByText('Zeile 5: Die Frage „Was tut ein Beirat?“ hat keine richtige Antwort', { exact: false }).first()).toBeVisible();
	await expect(page.getByText(/has no right option/)).toHaveCount(0);
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Nicht veröffentlicht' })).toContainText('Zeile 5');

	// fixed with the snippet button's quiz syntax in mind; the preview shows the text and the marked answers
	await body.fill(QUIZ);
	await expect(page.locator('.preview')).toContainText('Ein Beirat berät den Gemeinderat.');
	await expect(page.locator('.preview')).toContainText('Er berät den Rat');
	await expect(page.locator('[aria-live=polite]').getByText(/Zeile 5/)).toHaveCount(0);
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByText('Veröffentlicht. Lernende sehen ab sofort diese Fassung.')).toBeVisible();
	await expectAccessible(page);
	// the course itself is still a draft: publish it
	await visit(page, `/studio/courses/${slug}`);
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByText('Der Kurs ist veröffentlicht.')).toBeVisible();

	// a learner completes it
	const learnerContext = await browser.newContext({ locale: 'de-DE' });
	const learner = await learnerContext.newPage();
	await register(learner, { name: 'Lena Lernende' });
	await visit(learner, `/courses/${slug}/was-ein-beirat-tut`);
	await learner.getByRole('group', { name: /Was tut ein Beirat/ }).getByLabel('Er berät den Rat').check();
	await learner.getByRole('button', { name: 'Antworten prüfen' }).click();
	await expect(learner.getByText('Bestanden! Die Lektion ist erledigt.')).toBeVisible();

	// the trainer edits: autosave keeps the draft across a reload, then publishes a second revision
	await visit(page, `/studio/courses/${slug}/lessons/was-ein-beirat-tut`);
	await (await editorBody(page)).fill(QUIZ.replace('berät den Gemeinderat', 'berät die Stadt'));
	await expect(page.getByText(/Entwurf gespeichert um/)).toBeVisible({ timeout: 10_000 });
	await page.reload();
	await expect(page.locator('.cm-content')).toContainText('berät die Stadt');
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByText('Veröffentlicht.', { exact: false }).first()).toBeVisible();
	await visit(learner, `/courses/${slug}/was-ein-beirat-tut`);
	await expect(learner.getByText('berät die Stadt')).toBeVisible();

	// history: two revisions by Tara, a diff, restore the first
	await page.getByRole('link', { name: 'Verlauf' }).click();
	await expect(page.getByRole('table').first().getByRole('row')).toHaveCount(3);
	await expect(page.getByRole('row', { name: /Fassung 2 \(veröffentlicht\)/ })).toContainText('Tara Trainerin');
	await expect(page.locator('table.diff')).toContainText('berät die Stadt');
	await expectAccessible(page);
	await page.getByRole('button', { name: /Diese Fassung wiederherstellen\s*: Fassung 1$/ }).click();
	await expect(page.getByText('Die Fassung ist als neue Fassung veröffentlicht.')).toBeVisible();
	await expect(page.getByRole('table').first().getByRole('row')).toHaveCount(4);
	await visit(learner, `/courses/${slug}/was-ein-beirat-tut`);
	await expect(learner.getByText('berät den Gemeinderat')).toBeVisible();

	// a stale save: someone else publishes while the editor is open; saving shows both versions and keeps both
	await visit(page, `/studio/courses/${slug}/lessons/was-ein-beirat-tut`);
	const { lessonForEdit } = await import('../../src/lib/server/studio/access');
	const { publishLesson } = await import('../../src/lib/server/studio/publish');
	const other = await createUserInDb('admin', { name: 'Anton Admin' });
	const { course, lesson } = await lessonForEdit({ id: other.id, role: 'admin' }, slug, 'was-ein-beirat-tut', 'de');
	const theirs = await publishLesson(other, course, lesson, { title: 'Was ein Beirat tut', duration: 5, summaryEn: '', episode: '', body: 'Antons Fassung.\n', baseRevisionId: lesson.publishedRevisionId });
	expect(theirs.ok).toBe(true);
	await (await editorBody(page)).fill(QUIZ.replace('(Demo-Inhalt)', '(meine Fassung)'));
	await page.getByRole('button', { name: 'Entwurf speichern' }).click();
	const conflict = page.getByRole('region', { name: 'Jemand anderes hat inzwischen veröffentlicht' });
	await expect(conflict).toBeVisible();
	await expect(conflict).toContainText('Anton Admin');
	await expect(conflict).toContainText('Antons Fassung.');
	await expect(conflict).toContainText('(meine Fassung)');
	await expectAccessible(page);
	await conflict.getByRole('button', { name: 'Meine Fassung veröffentlichen' }).click();
	await expect(page.getByText('Veröffentlicht. Lernende sehen ab sofort diese Fassung.')).toBeVisible();
	await visit(page, `/studio/courses/${slug}/lessons/was-ein-beirat-tut/history`);
	await expect(page.getByRole('row', { name: /Anton Admin/ })).toBeVisible();
	await learnerContext.close();
});

test('offline edits stay in the browser, leaving warns, and the next visit restores them with a notice', async ({ browser }) => {
	test.setTimeout(120_000);
	const trainer = await createUserInDb('trainer');
	const { studioCourse } = await import('../../src/lib/server/studio/test-helpers');
	const slug = `offline-${Date.now().toString(36)}`;
	await studioCourse({ id: trainer.id, role: 'trainer' }, slug);
	const context = await browser.newContext({ locale: 'de-DE' });
	const page = await context.newPage();
	await login(page, trainer.email, trainer.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	const editor = `/studio/courses/${slug}/lessons/beraten`;
	await visit(page, editor);

	await context.setOffline(true);
	await (await editorBody(page)).fill('Offline geschrieben. (Demo)\n');
	await expect(page.getByText(/Keine Verbindung zum Server/)).toBeVisible({ timeout: 10_000 });
	const dialogs: string[] = [];
	page.on('dialog', async (d) => {
		dialogs.push(d.type());
		await d.accept();
	});
	const closed = page.waitForEvent('close');
	await page.close({ runBeforeUnload: true });
	await expect.poll(() => dialogs).toEqual(['beforeunload']);
	await closed;

	// The closing page can still be tearing down when the context changes its network state; Playwright then
	// reports the context as closed although it is not. Retry until the page is gone for good.
	await expect(async () => {
		await context.setOffline(false);
	}).toPass({ timeout: 10_000 });
	const again = await context.newPage();
	await again.goto(editor);
	// Either the local copy comes back (with its notice) or Chromium delivered the pagehide beacon once the
	// network returned and the server has it already; what must never happen is losing the text.
	await expect(again.locator('.cm-content')).toContainText('Offline geschrieben.');
	// and the page says where it is: restored and saved now, or the server's draft (the beacon's) shown as such
	await expect(again.getByText(/Entwurf gespeichert um|Ihr Entwurf vom/).first()).toBeVisible({ timeout: 10_000 });
	await expectAccessible(again);
	await context.close();
});
