// Images in lessons: a trainer uploads a picture in the lesson editor; with JavaScript its Markdown line lands at the
// cursor, without it the line is shown to paste; refusals are translated and store nothing; another trainer cannot
// upload into the course; the published lesson shows the picture (with a phone-sized copy) to a learner.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { createUserInDb, expectAccessible, login, visit } from './helpers';
import { loginCookie } from '../authz';

const mediaDir = () => path.join(process.env.E2E_DIR!, 'media');
/** every lesson image under MEDIA_DIR (episodes being packaged in the background add folders of their own) */
const lessonImages = () =>
	fs.existsSync(mediaDir())
		? fs.readdirSync(mediaDir(), { recursive: true }).map(String).filter((f) => /(^|\/)img-\d+x\d+\.(png|jpg)$/.test(f)).sort()
		: [];

function picture(dir: string, name: string, w: number, h: number, colour: string): string {
	const file = path.join(dir, name);
	execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${colour}:s=${w}x${h}`, '-frames:v', '1', file]);
	return file;
}

const cookieParts = (c: string) => ({ name: c.slice(0, c.indexOf('=')), value: c.slice(c.indexOf('=') + 1) });

async function setup() {
	const owner = await createUserInDb('trainer', { name: 'Bild Trainerin' });
	const { studioCourse, text } = await import('../../src/lib/server/studio/test-helpers');
	const { publishLesson } = await import('../../src/lib/server/studio/publish');
	const slug = `bilder-${Date.now().toString(36)}`;
	const { course, lesson } = await studioCourse({ id: owner.id, role: 'trainer' }, slug);
	const p = await publishLesson(owner, course, lesson, { ...text('Erster Absatz der Lektion.\n'), baseRevisionId: null });
	if (!p.ok) throw new Error('publish');
	return { owner, slug, editor: `/studio/courses/${slug}/lessons/beraten` };
}

test('a trainer uploads an image into a lesson; refusals store nothing; a learner sees it on a phone', async ({ page, browser }, info) => {
	test.setTimeout(120_000);
	const s = await setup();
	const dir = info.outputDir;
	fs.mkdirSync(dir, { recursive: true });
	const photo = picture(dir, 'saal.jpg', 2400, 1600, 'teal');
	const fake = path.join(dir, 'kein-bild.png');
	fs.writeFileSync(fake, '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');

	await login(page, s.owner.email, s.owner.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	await visit(page, s.editor);
	await expect(page.locator('.cm-content')).toBeVisible();
	// the metadata inputs keep one height, however tall their neighbours' hints make the row (they were 90 px)
	const heights = await page.locator('.fields input').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().height)));
	expect(new Set(heights).size, String(heights)).toBe(1);
	expect(heights[0]).toBeLessThan(60);
	const upload = page.getByRole('region', { name: 'Bild einfügen' });
	const before = lessonImages();

	// an alt text of spaces only: refused in German, nothing stored
	await upload.getByLabel(/Bilddatei/).setInputFiles(photo);
	await upload.getByLabel('Alternativtext: Was zeigt das Bild?').fill('   ');
	await upload.getByRole('button', { name: 'Hochladen und einfügen' }).click();
	await expect(upload.getByRole('alert')).toHaveText('Beschreiben Sie im Alternativtext, was das Bild zeigt. Es wurde nichts gespeichert.');
	// a text file called .png: refused by its content
	await upload.getByLabel(/Bilddatei/).setInputFiles(fake);
	await upload.getByLabel('Alternativtext: Was zeigt das Bild?').fill('Ein Saal');
	await upload.getByRole('button', { name: 'Hochladen und einfügen' }).click();
	await expect(upload.getByRole('alert')).toHaveText('Diese Datei ist kein Bild im Format PNG oder JPEG. Es wurde nichts gespeichert.');
	expect(lessonImages()).toEqual(before);

	// the real photo: its line goes in at the cursor (the end of the text)
	await page.locator('.cm-content').click();
	await page.keyboard.press('Control+End');
	await upload.getByLabel(/Bilddatei/).setInputFiles(photo);
	await upload.getByLabel('Alternativtext: Was zeigt das Bild?').fill('Stuhlkreis im Sitzungssaal');
	await upload.getByRole('button', { name: 'Hochladen und einfügen' }).click();
	await expect(upload.getByText('Das Bild ist hochgeladen und an der Cursorposition in den Text eingefügt.')).toBeVisible();
	await expect(page.locator('.cm-content')).toContainText(/Erster Absatz der Lektion\.\s*!\[Stuhlkreis im Sitzungssaal\]\(\/media\/[0-9a-f]{32}\/img-1600x1067\.jpg\)/);
	await expect(page.locator('.preview img[alt="Stuhlkreis im Sitzungssaal"]')).toBeVisible();
	await expectAccessible(page);
	const folder = /\/media\/([0-9a-f]{32})\//.exec((await page.locator('.cm-content').textContent())!)![1];
	const stored = [...before, `${folder}/img-1600x1067.jpg`, `${folder}/img-800x534.jpg`].sort();
	expect(lessonImages()).toEqual(stored);
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByText('Veröffentlicht. Lernende sehen ab sofort diese Fassung.')).toBeVisible();

	// another trainer cannot upload into this course, even with a real image: 403, nothing stored
	const other = await createUserInDb('trainer');
	const cookie = await loginCookie(process.env.E2E_BASE_URL!, other.email, other.password);
	const form = new FormData();
	form.set('image', new Blob([fs.readFileSync(picture(dir, 'fremd.png', 50, 50, 'red'))], { type: 'image/png' }), 'fremd.png');
	form.set('alt', 'Fremdes Bild');
	const foreign = await fetch(`${process.env.E2E_BASE_URL}${s.editor}?/image`, { method: 'POST', headers: { cookie, origin: process.env.E2E_BASE_URL!, accept: 'text/html' }, body: form, redirect: 'manual' });
	expect(foreign.status).toBe(403);
	expect(lessonImages()).toEqual(stored);

	// a learner on a phone gets the 800 px copy
	const phone = await browser.newContext({ locale: 'de-DE', viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
	const learner = await phone.newPage();
	await learner.goto(`/courses/${s.slug}/beraten`);
	const img = learner.getByRole('img', { name: 'Stuhlkreis im Sitzungssaal' });
	await img.scrollIntoViewIfNeeded();
	// loaded, from the phone copy
	await expect.poll(() => img.evaluate((el: HTMLImageElement) => (el.complete && el.naturalWidth > 0 ? el.currentSrc : ''))).toMatch(/img-800x534\.jpg$/);
	expect((await img.boundingBox())!.width).toBeLessThanOrEqual(390);
	await phone.close();
});

test('without JavaScript the upload is a plain form and the page shows the line to paste', async ({ browser }, info) => {
	const s = await setup();
	const dir = info.outputDir;
	fs.mkdirSync(dir, { recursive: true });
	const ctx = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: false });
	await ctx.addCookies([{ ...cookieParts(await loginCookie(process.env.E2E_BASE_URL!, s.owner.email, s.owner.password)), url: process.env.E2E_BASE_URL! }]);
	const page = await ctx.newPage();
	await page.goto(s.editor);
	const upload = page.getByRole('region', { name: 'Bild einfügen' });
	await expect(upload.getByText('Speichern Sie zuerst Ihren Entwurf')).toBeVisible();
	await upload.getByLabel(/Bilddatei/).setInputFiles(picture(dir, 'plakat.png', 300, 200, 'orange'));
	await upload.getByLabel('Alternativtext: Was zeigt das Bild?').fill('Plakat der Sitzung');
	await upload.getByRole('button', { name: 'Hochladen und einfügen' }).click();
	await expect(upload.getByText('Das Bild ist hochgeladen. Kopieren Sie diese Zeile')).toBeVisible();
	await expect(upload.getByRole('textbox', { name: 'Markdown-Zeile des Bildes' })).toHaveValue(/^!\[Plakat der Sitzung\]\(\/media\/[0-9a-f]{32}\/img-300x200\.png\)$/);
	await ctx.close();
});
