// The quiz policy as learners meet it (issue 8, item 6), on its own server with the graded fixture course
// (tests/fixtures/content-graded): an admin shortens the wait in the studio's course settings; a learner without
// JavaScript is told attempts and waits in words, gets no per-question feedback before the last attempt and no
// certificate; a learner with JavaScript passes, sees the feedback then, and gets the certificate.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startServer, type RunningServer } from '../server';
import { expectAccessible, login, register, uniqueEmail, visit } from './helpers';

const CONTENT = path.resolve('tests/fixtures/content-graded');
const COURSE = '/courses/quiz-pruefung';
// long enough that "at once again" is inside it even on a busy machine
const WAIT_S = 20;
const QUESTIONS = [/Wer beschließt den Haushalt/, /Was darf ein Beirat/, /Wie oft tagt/, /Wer leitet die Sitzung/, /Wer darf Protokoll lesen/];
const WRONG = ['Der Beirat', 'Satzungen erlassen', 'Einmal in fünf Jahren', 'Das älteste Mitglied der Verwaltung', 'Nur die Verwaltung'];
const RIGHT = ['Der Gemeinderat', 'Anträge stellen', 'So oft, wie die Satzung es bestimmt', 'Die oder der Vorsitzende', 'Die Mitglieder des Beirats'];
const TIME = '\\d{2}:\\d{2}:\\d{2}';
let server: RunningServer;

// the trainer's side, once per server: the course settings form sets the wait (a wrong value is refused, translated)
test.beforeAll(async ({ browser }) => {
	// a server, the CLI (tsx) and a browser: slow on a busy machine
	test.setTimeout(300_000);
	server = await startServer({ env: { CONTENT_DIR: CONTENT } });
	const admin = { email: uniqueEmail('quiz-admin'), password: 'ein langes Passwort' };
	await createAdmin(admin.email, admin.password);
	const ctx = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const page = await ctx.newPage();
	await login(page, admin.email, admin.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	await visit(page, `/studio/courses/quiz-pruefung/settings`);
	await expect(page.getByLabel('Quizze in diesem Kurs')).toHaveValue('graded');
	await expect(page.getByLabel('Versuche je bewertetem Quiz in 24 Stunden')).toHaveValue('3');
	const wait = page.getByLabel('Wartezeit nach einem nicht bestandenen Versuch (Sekunden)');
	await expect(wait).toHaveValue('30');
	await wait.fill('5000');
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByText('Bitte geben Sie eine ganze Zahl von 0 bis 3600 (Sekunden) ein.')).toBeVisible();
	await wait.fill(String(WAIT_S));
	await page.getByRole('button', { name: 'Speichern' }).click();
	await page.waitForURL(/saved=1/);
	await expect(page.getByLabel('Wartezeit nach einem nicht bestandenen Versuch (Sekunden)')).toHaveValue(String(WAIT_S));
	await ctx.close();
});
test.afterAll(async () => {
	await server?.stop();
});

/** `npm run user:create` against this server's database. */
function createAdmin(email: string, password: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/user-create.ts', '--email', email, '--password', password, '--role', 'admin', '--name', 'Ada Admin'], {
			env: { ...process.env, DATABASE_URL: server.env.DATABASE_URL, LOG_LEVEL: 'silent' }
		});
		let err = '';
		child.stderr.on('data', (d) => (err += d));
		child.on('error', reject);
		child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`user:create ${code}: ${err}`))));
	});
}

async function answer(page: Page, choices: string[]) {
	for (let i = 0; i < QUESTIONS.length; i++) await page.getByRole('group', { name: QUESTIONS[i] }).getByLabel(choices[i], { exact: true }).check();
	await page.getByRole('button', { name: 'Antworten prüfen' }).click();
}

/**
 * axe-core runs inside the page, which a browser without JavaScript forbids: the page as it got it (scripts removed)
 * is served again to a script-enabled browser at the same address and checked there (as studio-episodes-nojs.spec.ts).
 */
async function expectAccessibleNoJs(page: Page, browser: Browser) {
	const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
	const ctx = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: true });
	try {
		const copy = await ctx.newPage();
		const url = page.url().split('#')[0];
		await copy.route(url, (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
		await copy.goto(url);
		await expectAccessible(copy);
	} finally {
		await ctx.close();
	}
}

test('a learner without JavaScript: attempts and waits in words, refused early, no feedback before the last attempt, no certificate', async ({ browser }) => {
	test.setTimeout(300_000);
	const ctx = await browser.newContext({ baseURL: server.url, locale: 'de-DE', javaScriptEnabled: false });
	const page = await ctx.newPage();
	await page.goto('/register');
	await page.getByLabel('E-Mail-Adresse').fill(uniqueEmail('nojs'));
	await page.getByLabel('Anzeigename').fill('Nadia Ohne Skript');
	await page.getByLabel('Passwort', { exact: true }).fill('ein langes Passwort');
	await page.getByLabel(/Datenschutzhinweis/).check();
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/register'));
	await page.goto(`${COURSE}/pruefung`);
	await expectAccessibleNoJs(page, browser);
	await expect(page.getByText('Bewertetes Quiz.')).toBeVisible();
	await expect(page.getByText(`Versuche in 24 Stunden: 3. Wartezeit nach einem nicht bestandenen Versuch: ${WAIT_S} Sek.`)).toBeVisible();
	await expect(page.getByText('Verbleibende Versuche in 24 Stunden: 3 von 3.')).toBeVisible();
	await expect(page.getByText('so oft wiederholen, wie Sie möchten')).toHaveCount(0);

	// attempt 1: the score, no right/wrong per question, no explanation; the wait and its time in words
	await answer(page, WRONG);
	await expect(page.getByText('Ergebnis: 0 % richtig')).toBeVisible();
	const afterFirst = await page.content();
	// at once again: refused, not counted, the time said
	await page.getByRole('button', { name: 'Antworten prüfen' }).click();
	await expect(page.getByText(new RegExp(`Bitte warten Sie noch: .* ab ${TIME} Uhr möglich\\. Diese Antworten wurden nicht gewertet\\.`))).toBeVisible();
	await expect(page.getByText('Verbleibende Versuche in 24 Stunden: 2 von 3.')).toBeVisible();
	await expectAccessibleNoJs(page, browser);
	// what the first attempt showed
	await page.setContent(afterFirst.replace(/<script\b[\s\S]*?<\/script>/gi, ''));
	await expect(page.getByText('Welche Fragen Sie richtig beantwortet haben, sehen Sie nach dem Bestehen oder nach Ihrem letzten Versuch.')).toBeVisible();
	await expect(page.getByText(new RegExp(`warten Sie bitte ${WAIT_S} Sek\\.: Der nächste Versuch ist ab ${TIME} Uhr möglich`))).toBeVisible();
	await expect(page.getByText('Verbleibende Versuche in 24 Stunden: 2 von 3.')).toBeVisible();
	let html = afterFirst;
	expect(html).not.toMatch(/Erklärung (eins|zwei|drei|vier|fünf)|✗ Falsch|✓ Richtig/);

	// attempt 2 after the wait: still no feedback
	await page.waitForTimeout(WAIT_S * 1000 + 300);
	await page.goto(`${COURSE}/pruefung`);
	await answer(page, WRONG);
	await expect(page.getByText('Verbleibende Versuche in 24 Stunden: 1 von 3.')).toBeVisible();
	expect(await page.content()).not.toMatch(/Erklärung (eins|zwei|drei|vier|fünf)/);

	// attempt 3, the last: now the feedback; no attempt left until a time that is said; the button is off
	await page.waitForTimeout(WAIT_S * 1000 + 300);
	await page.goto(`${COURSE}/pruefung`);
	await answer(page, WRONG);
	await expect(page.getByText('Erklärung eins: Den Haushalt beschließt allein der Gemeinderat.')).toBeVisible();
	await expect(page.locator('#quiz-result').getByText('✗ Falsch')).toHaveCount(5);
	await expect(page.locator('#quiz .verdict').getByText('✗ Falsch')).toHaveCount(5);
	const noneLeft = new RegExp(`Sie haben alle 3 Versuche der letzten 24 Stunden genutzt\\. Der nächste Versuch ist ab .*${TIME} Uhr möglich\\.`);
	await expect(page.getByText(noneLeft)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Noch einmal versuchen' })).toHaveCount(0);
	await page.goto(`${COURSE}/pruefung`);
	await expect(page.getByText(noneLeft)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Antworten prüfen' })).toBeDisabled();
	html = await page.content();
	expect(html).not.toMatch(/Erklärung eins/);

	// a script posting the right answers now is refused by the server (429), and nothing changes
	const revision = await page.locator('input[name=revision]').inputValue();
	const ids = await page.locator('input[type=radio]').evaluateAll((els) => els.map((e) => ({ name: (e as HTMLInputElement).name, value: (e as HTMLInputElement).value })));
	const byQuestion = new Map<string, string[]>();
	for (const i of ids) byQuestion.set(i.name, [...(byQuestion.get(i.name) ?? []), i.value]);
	const guess = Object.fromEntries([...byQuestion].map(([name, values]) => [name, values[2]]));
	const res = await page.request.post(`${COURSE}/pruefung?/quiz`, { form: { revision, ...guess }, headers: { origin: server.url, accept: 'text/html' } });
	expect(res.status()).toBe(429);
	const body = await res.text();
	expect(body).toContain('Diese Antworten wurden nicht gewertet.');
	expect(body).not.toMatch(/Erklärung (eins|zwei)|Bestanden!/);

	await page.goto('/me');
	await expect(page.getByText('Noch keine Teilnahmebescheinigungen.')).toBeVisible();
	await ctx.close();
});

test('a learner with JavaScript: the action JSON of a failed attempt holds no feedback; the pass shows it and brings the certificate', async ({ browser }) => {
	test.setTimeout(300_000);
	const ctx = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const page = await ctx.newPage();
	await register(page, { name: 'Jana Mit Skript' });

	await visit(page, `${COURSE}/einleitung`);
	await page.getByRole('button', { name: 'Als erledigt markieren' }).click();
	await expect(page.getByText('Diese Lektion ist erledigt.')).toBeVisible();

	// the practice quiz: feedback at once, another attempt at once
	await visit(page, `${COURSE}/uebung`);
	await expect(page.getByText('Übungsquiz.')).toBeVisible();
	await page.getByRole('group', { name: /Ist das eine Übung/ }).getByLabel('Nein').check();
	await page.getByRole('button', { name: 'Antworten prüfen' }).click();
	await expect(page.getByText('Erklärung Übung: Übungsquizze zählen nicht für die Bescheinigung.')).toBeVisible();
	await page.getByRole('group', { name: /Ist das eine Übung/ }).getByLabel('Ja').check();
	await page.getByRole('button', { name: 'Antworten prüfen' }).click();
	await expect(page.getByText('Bestanden! Die Lektion ist erledigt.')).toBeVisible();

	// a failed graded attempt as the enhanced form sends it: the JSON has the score but no right/wrong, no explanation
	await visit(page, `${COURSE}/pruefung`);
	const revision = await page.locator('input[name=revision]').inputValue();
	const first = await page.locator('input[type=radio]').evaluateAll((els) => {
		const seen = new Map<string, string>();
		for (const e of els as HTMLInputElement[]) if (!seen.has(e.name)) seen.set(e.name, e.value);
		return Object.fromEntries(seen);
	});
	const res = await page.request.post(`${COURSE}/pruefung?/quiz`, { form: { revision, ...first }, headers: { origin: server.url, accept: 'application/json', 'x-sveltekit-action': 'true' } });
	expect(res.status()).toBe(200);
	const json = await res.text();
	expect(json).toMatch(/"success"/);
	expect(json).not.toMatch(/Erklärung|explanationHtml|"correct"/);
	expect(json).toContain('Noch nicht bestanden. Welche Fragen Sie richtig beantwortet haben, sehen Sie nach dem Bestehen oder nach Ihrem letzten Versuch.');

	// after the wait, the right answers: passed, the feedback, and the certificate
	await page.waitForTimeout(WAIT_S * 1000 + 300);
	await visit(page, `${COURSE}/pruefung`);
	await expect(page.getByText('Verbleibende Versuche in 24 Stunden: 2 von 3.')).toBeVisible();
	await answer(page, RIGHT);
	await expect(page.getByText('Ergebnis: 100 % richtig')).toBeVisible();
	await expect(page.getByText('Bestanden! Die Lektion ist erledigt.')).toBeVisible();
	await expect(page.getByText('Erklärung fünf: Mitglieder erhalten das Protokoll.')).toBeVisible();
	await expect(page.getByText('Sie haben dieses bewertete Quiz bestanden.')).toBeVisible();
	await expect(page.getByText('Glückwunsch! Sie haben den ganzen Kurs abgeschlossen.')).toBeVisible();
	await expectAccessible(page);
	await visit(page, '/me');
	await expect(page.getByRole('link', { name: /PDF herunterladen: Prüfkurs Quiz/ })).toBeVisible();
	await ctx.close();
});
