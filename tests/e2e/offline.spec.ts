// Offline (issue 12) in Chromium against our own server with the podcast fixture (course testkurs-beirat, episodes
// with generated audio): the installable app, the service worker's copies of visited pages, logout emptying them.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { createClient } from '@libsql/client';
import { expectAccessible, podcastServer, register } from './helpers';
import { type RunningServer } from '../server';

const test = base.extend<object, { site: RunningServer }>({
	site: podcastServer,
	baseURL: async ({ site }, use) => use(site.url)
});
test.use({ locale: 'de-DE', serviceWorkers: 'allow' });

/** Waits until the service worker is installed and controls the page. */
async function controlled(page: Page) {
	await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && !!navigator.serviceWorker.controller, null, { timeout: 20_000 }).catch(async () => {
		// the first page load is not controlled yet: a reload is
		await page.reload();
		await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 20_000 });
	});
}

test('installable: manifest in the visitor’s language with icons and shortcuts, no installability errors', async ({ page, request }) => {
	await page.goto('/');
	await controlled(page);
	const manifest = await (await request.get('/manifest.webmanifest', { headers: { 'accept-language': 'ar' } })).json();
	expect(manifest).toMatchObject({ name: 'ميتشبراخه – التعلّم للمجالس', dir: 'rtl', display: 'standalone', start_url: '/?source=pwa', theme_color: '#0b5cad' });
	expect(manifest.shortcuts.map((s: { url: string }) => s.url)).toEqual(['/me', '/podcast']);
	for (const icon of manifest.icons) expect((await request.get(icon.src)).headers()['content-type']).toBe('image/png');
	expect(manifest.icons.map((i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
	expect((await request.get('/icons/apple-touch-icon.png')).ok()).toBe(true);
	// Chromium's own check, the one behind Lighthouse's "installable"
	const cdp = await page.context().newCDPSession(page);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	// Playwright's contexts are incognito windows, where Chromium never offers installing; nothing else may be missing
	expect(installabilityErrors.filter((e: { errorId: string }) => e.errorId !== 'in-incognito')).toEqual([]);
});

test('a visited page opens again offline; an unknown one shows the offline page; logout forgets the copies', async ({ page, context }) => {
	await register(page);
	await page.goto('/courses/testkurs-beirat');
	await controlled(page);
	await page.goto('/courses/testkurs-beirat');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Testkurs Beiratsarbeit');
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Testkurs Beiratsarbeit');
	await page.goto('/glossar');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sie sind offline');
	await expect(page.getByText('Auf diesem Gerät ist noch nichts gespeichert.')).toBeVisible();
	await expectAccessible(page);
	await context.setOffline(false);
	await page.goto('/me');
	await page.getByRole('button', { name: 'Abmelden' }).click();
	await page.waitForURL('/');
	// what stays is the home page as a visitor sees it, fetched after the logout
	const kept = await page.evaluate(async () => (await (await caches.open('pages')).keys()).map((r) => new URL(r.url).pathname));
	expect(kept.filter((p) => p.startsWith('/me') || p.startsWith('/courses'))).toEqual([]);
	await context.setOffline(true);
	await page.goto('/courses/testkurs-beirat');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sie sind offline');
	await context.setOffline(false);
});

const LESSONS = ['was-ist-ein-beirat', 'rechte', 'sitzung-leiten', 'protokoll', 'folge-hoeren'];

test('a course pack: size before saving, progress, listed on /me; every lesson reads offline; removed again', async ({ page, context }) => {
	await register(page);
	await page.goto('/courses/testkurs-beirat');
	await controlled(page);
	const estimate = page.getByText(/Etwa [\d,]+ KB werden auf diesem Gerät gespeichert\./);
	await expect(estimate).toBeVisible();
	console.log(`before saving: ${await estimate.textContent()}`);
	await page.getByRole('button', { name: 'Für offline speichern' }).click();
	await expect(page.getByRole('status').filter({ hasText: /Auf diesem Gerät gespeichert \([\d,]+ KB\)\./ })).toBeVisible({ timeout: 20_000 });
	const saved = await page.getByRole('status').filter({ hasText: 'Auf diesem Gerät gespeichert' }).textContent();
	console.log(`fixture course pack: ${saved}`);
	await expectAccessible(page);
	await page.goto('/me');
	await expect(page.getByRole('heading', { name: 'Auf diesem Gerät gespeichert' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Testkurs Beiratsarbeit vom Gerät entfernen' })).toBeVisible();
	await expect(page.getByText(/Belegt: .* von etwa/)).toBeVisible();
	await expectAccessible(page);

	await context.setOffline(true);
	for (const slug of LESSONS) {
		await page.goto(`/courses/testkurs-beirat/${slug}`);
		await expect(page.locator('h1')).not.toHaveText('Sie sind offline');
		await expect(page.locator('article, main').first()).toContainText(/\w/);
	}
	// from lesson to lesson by the page's own links too
	await page.goto('/courses/testkurs-beirat/was-ist-ein-beirat');
	await page.getByRole('link', { name: /^Nächste Lektion: / }).click();
	await expect(page).toHaveURL(/\/rechte$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rechte im Ausschuss');
	await context.setOffline(false);

	await page.goto('/me');
	await page.getByRole('button', { name: 'Testkurs Beiratsarbeit vom Gerät entfernen' }).click();
	await expect(page.getByText('Noch nichts gespeichert.', { exact: false })).toBeVisible();
	expect(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('pack:')))).toEqual([]);
});

test('a full quota: a clear message and nothing half-stored', async ({ page, baseURL }) => {
	await register(page);
	await page.goto('/courses/testkurs-beirat');
	await controlled(page);
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 1 });
	await page.getByRole('button', { name: 'Für offline speichern' }).click();
	await expect(page.getByRole('alert')).toHaveText('Auf diesem Gerät ist nicht genug Platz. Es wurde nichts gespeichert. Geben Sie Speicher frei und versuchen Sie es noch einmal.');
	expect(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('pack:')))).toEqual([]);
	await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin });
});

test('offline from start to finish: save a course and an episode, reload offline, read, answer, listen; back online the server has it all once', async ({ page, context, site }) => {
	test.setTimeout(90_000);
	const { email } = await register(page);
	await page.goto('/courses/testkurs-beirat');
	await controlled(page);
	await page.getByRole('button', { name: 'Für offline speichern' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Auf diesem Gerät gespeichert' })).toBeVisible({ timeout: 20_000 });
	await page.goto('/podcast/erste-folge');
	await page.getByRole('button', { name: 'Folge speichern' }).click();
	const stored = page.getByRole('status').filter({ hasText: 'Folge gespeichert' });
	await expect(stored).toBeVisible({ timeout: 20_000 });
	console.log(`episode file: ${await stored.textContent()}`);

	await context.setOffline(true);
	await page.goto('/courses/testkurs-beirat/was-ist-ein-beirat');
	await page.reload();
	// every lesson reads; the ones without a quiz are marked done, the quiz is answered
	for (const slug of LESSONS) {
		await page.goto(`/courses/testkurs-beirat/${slug}`);
		await expect(page.locator('h1')).not.toHaveText('Sie sind offline');
		if (slug === 'rechte') {
			await page.getByRole('radio', { name: 'Anträge stellen' }).check();
			await page.getByRole('checkbox', { name: 'Mitglieder können im Ausschuss sprechen' }).check();
			await page.getByRole('checkbox', { name: 'Anträge gehen an den Gemeinderat' }).check();
			await page.getByRole('button', { name: 'Antworten prüfen' }).click();
			await expect(page.locator('#quiz').getByRole('status')).toHaveText('Ohne Verbindung gespeichert: wird gesendet, sobald Sie wieder online sind.');
		} else if (slug !== 'folge-hoeren') {
			await page.getByRole('button', { name: 'Als erledigt markieren' }).click();
			await expect(page.locator('#progress').getByRole('status')).toHaveText('Ohne Verbindung gespeichert: wird gesendet, sobald Sie wieder online sind.');
		}
	}
	await expect(page.getByRole('status').filter({ hasText: '4 Fortschritte warten auf Verbindung' })).toBeVisible();

	// ten seconds of the stored episode (at double speed), then pause: the position waits too
	await page.goto('/podcast/erste-folge');
	const player = page.getByRole('group', { name: /Audioplayer/ });
	await player.getByRole('button', { name: 'Abspielen' }).click();
	await page.locator('audio').evaluate((a: HTMLAudioElement) => (a.playbackRate = 2));
	await expect.poll(() => page.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 20_000 }).toBeGreaterThan(10);
	await player.getByRole('button', { name: 'Pause' }).click();
	expect(await page.locator('audio').evaluate((a: HTMLAudioElement) => a.currentSrc)).toMatch(/episode\.mp3$/);
	await expect(page.getByRole('status').filter({ hasText: '5 Fortschritte warten auf Verbindung' })).toBeVisible();

	await context.setOffline(false);
	await expect(page.getByRole('status').filter({ hasText: 'auf Verbindung' })).toHaveCount(0, { timeout: 15_000 });
	// a second load sends nothing twice
	await page.reload();
	const db = createClient({ url: site.env.DATABASE_URL });
	try {
		const one = async (q: string) => (await db.execute({ sql: q, args: [email] })).rows;
		const user = `(select id from users where email = ?)`;
		const done = await one(`select l.slug from lesson_progress p join lessons l on l.id = p.lesson_id where p.user_id = ${user} and p.completed_at is not null order by l.slug`);
		expect(done.map((r) => r.slug)).toEqual(['protokoll', 'rechte', 'sitzung-leiten', 'was-ist-ein-beirat']);
		const quiz = await one(`select score, passed from quiz_attempts where user_id = ${user}`);
		expect(quiz.map((r) => [Number(r.score), Number(r.passed)])).toEqual([[100, 1]]);
		const pos = await one(`select position_ms from listening_positions where user_id = ${user}`);
		expect(pos).toHaveLength(1);
		expect(Number(pos[0].position_ms)).toBeGreaterThan(10_000);
		const events = await one(`select kind, status from offline_events where user_id = ${user} order by kind`);
		expect(events.map((r) => `${r.kind} ${r.status}`)).toEqual(['complete ok', 'complete ok', 'complete ok', 'position ok', 'quiz ok']);
	} finally {
		db.close();
	}
});

/** Saves the test course for offline use, goes offline and marks a lesson done: one completion waits in the outbox. */
async function oneCompletionWaitingOffline(page: Page, context: BrowserContext) {
	await page.goto('/courses/testkurs-beirat');
	await controlled(page);
	await page.getByRole('button', { name: 'Für offline speichern' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Auf diesem Gerät gespeichert' })).toBeVisible({ timeout: 20_000 });
	await context.setOffline(true);
	await page.goto('/courses/testkurs-beirat/sitzung-leiten');
	await page.getByRole('button', { name: 'Als erledigt markieren' }).click();
	await expect(page.getByRole('status').filter({ hasText: '1 Fortschritt wartet auf Verbindung' })).toBeVisible();
}

test('progress the server refuses (the course was withdrawn meanwhile) is shown with its reason, then dropped', async ({ page, context, site }) => {
	await register(page);
	await oneCompletionWaitingOffline(page, context);
	const db = createClient({ url: site.env.DATABASE_URL });
	const withdraw = async (draft: number) => {
		await db.execute({ sql: `update courses set draft = ? where slug = 'testkurs-beirat'`, args: [draft] });
		// the server's content caches notice a changed import time within a second
		await db.execute(`update content_state set imported_at = imported_at + 1 where key = 'courses'`);
		await new Promise((r) => setTimeout(r, 1200));
	};
	try {
		await withdraw(1);
		await context.setOffline(false);
		const alert = page.getByRole('alert').filter({ hasText: 'Nicht übernommen:' });
		await expect(alert).toContainText('Eine Sitzung leiten: Der Kurs ist nicht mehr veröffentlicht oder für Sie nicht sichtbar. Dieser Fortschritt wurde nicht gespeichert.');
		await expect(page.getByRole('status').filter({ hasText: 'auf Verbindung' })).toHaveCount(0);
		await alert.getByRole('button', { name: 'Verstanden' }).click();
		await expect(alert).toHaveCount(0);
		await page.reload();
		await expect(page.getByRole('alert').filter({ hasText: 'Nicht übernommen:' })).toHaveCount(0);
	} finally {
		await withdraw(0);
		db.close();
	}
});

test('the login expired while progress waited: it stays, the page asks to log in and links back; after login it is sent', async ({ page, context, site }) => {
	const account = await register(page);
	await oneCompletionWaitingOffline(page, context);
	// the session ends on the server meanwhile (expired): POST /api/outbox answers 401
	const db = createClient({ url: site.env.DATABASE_URL });
	await db.execute({ sql: `delete from sessions where user_id = (select id from users where email = ?)`, args: [account.email] });
	db.close();
	await context.setOffline(false);
	const login = page.getByRole('alert').getByRole('link', { name: 'Bitte melden Sie sich an, damit Ihr Fortschritt gesendet werden kann.' });
	await expect(login).toBeVisible({ timeout: 15_000 });
	await expect(login).toHaveAttribute('href', '/login?redirectTo=' + encodeURIComponent('/courses/testkurs-beirat/sitzung-leiten'));
	await expect(page.getByRole('status').filter({ hasText: '1 Fortschritt wartet auf Verbindung' })).toBeVisible();
	await login.click();
	await page.getByLabel(/E-Mail-Adresse/).fill(account.email);
	await page.getByLabel(/^Passwort$/).fill(account.password);
	await page.getByRole('button', { name: /^Anmelden$/ }).click();
	await page.waitForURL('**/courses/testkurs-beirat/sitzung-leiten');
	await expect(page.getByRole('status').filter({ hasText: 'auf Verbindung' })).toHaveCount(0, { timeout: 15_000 });
	// the waiting progress reached the account
	const db2 = createClient({ url: site.env.DATABASE_URL });
	const done = async () =>
		(await db2.execute({ sql: `select l.slug from lesson_progress p join lessons l on l.id = p.lesson_id join users u on u.id = p.user_id where u.email = ? and p.completed_at is not null`, args: [account.email] })).rows.map((r) => r.slug);
	await expect.poll(done).toEqual(['sitzung-leiten']);
	db2.close();
	await expect(page.getByRole('alert').filter({ hasText: 'Bitte melden Sie sich an' })).toHaveCount(0);
});
