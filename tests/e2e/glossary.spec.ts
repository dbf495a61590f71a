// The glossary: a lesson links the first occurrence of a term to its entry on /glossar (keyboard only), the term's
// short explanation follows the lesson in the reader's language, and /glossar speaks the interface language.
import { test, expect } from '@playwright/test';
import { expectAccessible, visit } from './helpers';

const LESSON = '/courses/grundlagen-der-beiratsarbeit/kommunale-selbstverwaltung';

test('a lesson’s first “Beirat” links to its glossary entry, and the keyboard gets there', async ({ page }) => {
	test.slow(); // axe on the whole glossary page
	await visit(page, LESSON);
	const prose = page.locator('article.lesson .prose').first(); // the lesson's text (the term notes follow in their own)
	const termLinks = prose.locator('a[href="/glossar#beirat"]');
	// the first occurrence only, although the lesson says "Beirat" many times
	await expect(termLinks).toHaveCount(1);
	expect((await prose.innerText()).match(/(?<!\p{L})Beirat(?!\p{L})/gu)!.length).toBeGreaterThan(1);
	const term = prose.getByRole('link', { name: 'Beirat', exact: true });
	await expect(term).toHaveAccessibleDescription(/^Ein Beirat ist ein Gremium, das die Stadt oder Gemeinde berät\./);
	// never inside a heading
	await expect(prose.getByRole('heading').locator('a.glossary-term')).toHaveCount(0);
	// the explanations follow the text
	const notes = page.getByRole('complementary', { name: 'Begriffe in dieser Lektion' });
	await expect(notes.getByRole('definition').first()).toBeVisible();
	await expect(notes.getByRole('link', { name: 'Mehr zu „Beirat“ im Glossar' })).toHaveAttribute('href', '/glossar#beirat');

	// keyboard only: Tab to the term, Enter follows it
	await page.locator('body').focus();
	let reached = false;
	for (let i = 0; i < 60 && !reached; i++) {
		await page.keyboard.press('Tab');
		reached = await term.evaluate((el) => el === document.activeElement);
	}
	expect(reached, 'Tab reaches the term link').toBe(true);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/glossar#beirat$/);
	const entry = page.getByRole('region', { name: 'Beirat' });
	await expect(entry.getByRole('heading', { level: 2 })).toBeInViewport();
	await expect(entry).toContainText('Ein Beirat ist ein Gremium, das die Stadt oder Gemeinde berät.');
	// the next Tab continues inside the entry (its "see also" links), not at the top of the page
	await page.keyboard.press('Tab');
	expect(await entry.evaluate((el) => el.contains(document.activeElement))).toBe(true);
	await expectAccessible(page);
});

test('in Arabic: the lesson’s term notes and the glossary are in Arabic, the German terms marked as German', async ({ browser, baseURL }) => {
	test.slow();
	const ctx = await browser.newContext();
	await ctx.addCookies([{ name: 'lang', value: 'ar', url: baseURL! }]);
	const page = await ctx.newPage();
	await visit(page, LESSON);
	const notes = page.getByRole('complementary', { name: 'مصطلحات في هذا الدرس' });
	await expect(notes).toHaveAttribute('lang', 'ar');
	await expect(notes).toHaveAttribute('dir', 'rtl');
	await expect(notes).toContainText('المجلس الاستشاري');
	await expect(notes.locator('span[lang="de"]').first()).toHaveText('Beirat');

	await visit(page, '/glossar');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('مسرد المصطلحات: كلمات من عمل المجالس');
	const entry = page.getByRole('region', { name: /Antrag/ });
	await expect(entry.getByRole('heading', { level: 2 })).toContainText('مقترح رسمي');
	await expect(entry.locator('dfn')).toHaveAttribute('lang', 'de');
	await expect(entry).toContainText('المقترح الرسمي (Antrag) هو اقتراح مكتوب');
	// the German explanation is one keyboard press away
	const german = entry.getByText('الشرح باللغة الألمانية');
	await german.focus();
	await page.keyboard.press('Enter');
	await expect(entry.locator('details div[lang="de"]')).toContainText('Ein Antrag ist ein schriftlicher Vorschlag');
	await expectAccessible(page);
	await ctx.close();
});
