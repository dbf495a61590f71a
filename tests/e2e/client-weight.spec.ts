// What a lesson page's JavaScript holds (issue 11): the quiz's code loads only on lessons with a quiz, after the
// server-rendered quiz is already on the page; what the learner did before it came (an answer ticked, the focus) stays,
// and the quiz then answers in place, without reloading the page. Runs on the shared server with content/.
import { expect, test, type Page } from '@playwright/test';
import { holdScripts, uniqueEmail } from './helpers';

const COURSE = '/courses/grundlagen-der-beiratsarbeit';
const NO_QUIZ = `${COURSE}/kommunale-selbstverwaltung`;
const QUIZ = `${COURSE}/wahl-und-berufung`;
// a string only the quiz component's code contains
const QUIZ_CODE = 'quiz-result-heading';
// requests the service worker answers would pass page.route by
test.use({ serviceWorkers: 'block' });

/** The JavaScript the page has loaded so far, as text. */
function scriptsOf(page: Page): () => Promise<string[]> {
	const bodies: Promise<string>[] = [];
	page.on('response', (res) => {
		if (res.url().endsWith('.js')) bodies.push(res.text().catch(() => ''));
	});
	return () => Promise.all(bodies);
}

test('a lesson without a quiz loads none of the quiz’s code; a lesson with one does', async ({ page }) => {
	const scripts = scriptsOf(page);
	await page.goto(NO_QUIZ);
	await page.waitForLoadState('networkidle');
	expect((await scripts()).length).toBeGreaterThan(5);
	expect((await scripts()).some((s) => s.includes(QUIZ_CODE))).toBe(false);

	await page.goto(QUIZ);
	await expect(page.getByRole('heading', { name: 'Quiz' })).toBeVisible();
	await expect.poll(async () => (await scripts()).some((s) => s.includes(QUIZ_CODE))).toBe(true);
});

test('an answer ticked before the quiz’s code came stays ticked and focused; the quiz then answers in place', async ({ page, baseURL }) => {
	test.setTimeout(120_000);
	const res = await fetch(baseURL + '/register', {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL!, accept: 'text/html' },
		body: new URLSearchParams({ email: uniqueEmail('weight'), password: 'ein langes Passwort', displayName: 'Noor Beispiel', locale: 'de', consent: 'on' })
	});
	const session = res.headers.getSetCookie().find((c) => c.startsWith('session=') && !c.startsWith('session=;'))!;
	await page.context().addCookies([{ name: 'session', value: session.split(';')[0].slice('session='.length), url: baseURL! }]);

	// the quiz's code is held back until the learner has ticked an answer
	const held = await holdScripts(page, [QUIZ_CODE]);
	await page.goto(QUIZ);
	const question = page.getByRole('group', { name: /Was bedeutet „kommunale Selbstverwaltung“/ });
	const answer = question.getByLabel('Die Gemeinden regeln ihre örtlichen Angelegenheiten im Rahmen der Gesetze selbst.');
	await answer.check();
	await expect(answer).toBeFocused();
	await page.evaluate(() => ((window as unknown as { before: boolean }).before = true));
	expect(held.delivered()).toBe(false);
	await page.evaluate(() => (document.getElementById('quiz')!.dataset.kept = 'server markup'));

	held.release();
	await expect.poll(() => held.delivered()).toBe(true);
	// the component has taken over the quiz (its section is a new element), with the answer and the focus kept
	await expect.poll(() => page.evaluate(() => document.getElementById('quiz')?.dataset.kept === undefined)).toBe(true);
	await expect(answer).toBeChecked();
	await expect(answer).toBeFocused();

	// one more answer, now with the component; two questions answered of several: the quiz says so where the learner
	// is taken, both answers still ticked
	const second = page.getByRole('group', { name: /Wo stehen die wichtigsten Regeln/ }).getByLabel('Im Recht des jeweiligen Bundeslands und in den Satzungen der Stadt.');
	await second.check();
	await page.getByRole('button', { name: 'Antworten prüfen' }).click();
	await expect(page.locator('#quiz-result')).toBeFocused();
	await expect(page.locator('#quiz-result')).toContainText('Bitte beantworten Sie alle Fragen.');
	// answered in place: the page was not loaded again
	expect(await page.evaluate(() => (window as unknown as { before?: boolean }).before)).toBe(true);
	await expect(answer).toBeChecked();
	await expect(second).toBeChecked();
});
