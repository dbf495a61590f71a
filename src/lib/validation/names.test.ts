// Names and titles (issue 8, item 8): every schema that takes one refuses controls and bidi overrides/isolates with
// the translated message, stores NFC, and takes Arabic and Persian names as they are.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { cleanName, hasUnsafeChars, UNSAFE_TEXT_KEY } from './names';
import { parseForm } from '../server/forms';
import { t, LOCALES } from '../server/i18n';
import { profileSchema, registerSchema } from '../server/auth/schemas';
import { councilSchema } from '../server/admin/schemas';
import { courseSchema, newLessonSchema, titleSchema } from '../server/studio/schemas';
import { draftSchema } from '../server/studio/drafts';
import { metaSchema } from '../server/studio-episodes/episodes';
import { validateChapters, validateGuests } from '../server/studio-episodes/validate';
import { parseCourse, parseLesson, parseModule } from '../content/lesson';
import { parseEpisode } from '../server/podcast/parse';
import { createUser, getUser, updateProfile } from '../server/auth/accounts';

const NUL = 'Amina\u0000Test';
const RLO = 'Admin\u202EnimdA';
const RLI = 'Mar\u2067yam\u2069';
const BAD = [NUL, RLO, RLI, 'Tab\tName', 'C1\u0085Name', 'Del\u007FName', 'LRE\u202AName', 'PDI\u2069'];
const DECOMPOSED = 'Rene\u0301 Cafe\u0301'; // "René Café" with combining accents
const GOOD = ['أمينة', 'مریم', 'می‌خواهم نام', 'Zoë Müller-Yılmaz', 'Олена Коваленко'];

function form(values: Record<string, string>) {
	const f = new FormData();
	for (const [k, v] of Object.entries(values)) f.append(k, v);
	return f;
}

// every schema that takes a name or title, with the rest of a valid form
const forms: { name: string; schema: z.ZodType; field: string; base: Record<string, string> }[] = [
	{ name: 'register', schema: registerSchema, field: 'displayName', base: { email: 'a@example.org', password: 'ein langes Passwort', locale: 'de', consent: 'on' } },
	{ name: 'profile', schema: profileSchema, field: 'displayName', base: { locale: 'de' } },
	{ name: 'council name', schema: councilSchema, field: 'name', base: { city: 'Köln' } },
	{ name: 'council city', schema: councilSchema, field: 'city', base: { name: 'Integrationsrat' } },
	{ name: 'course title', schema: courseSchema, field: 'title', base: { summary: 'Ein Kurs.', language: 'de', level: 'beginner', hours: '2', passScore: '70', visibility: 'public' } },
	{ name: 'module title', schema: titleSchema, field: 'title', base: {} },
	{ name: 'new lesson title', schema: newLessonSchema, field: 'title', base: { moduleId: 'm1' } },
	{ name: 'lesson title (editor)', schema: draftSchema, field: 'title', base: { duration: '5', body: 'Text' } },
	{ name: 'episode title', schema: metaSchema, field: 'title', base: { slug: 'folge', date: '2026-01-01', season: '1', number: '1', type: 'full' } }
];

describe('the name rule', () => {
	it('finds C0 and C1 controls and bidi overrides and isolates, and nothing in Arabic, Persian (with ZWNJ) or accented names', () => {
		for (const s of BAD) expect(hasUnsafeChars(s), JSON.stringify(s)).toBe(true);
		for (const s of GOOD) expect(hasUnsafeChars(s), s).toBe(false);
		expect(cleanName(DECOMPOSED)).toBe('René Café');
		expect(cleanName(DECOMPOSED)).toHaveLength(9);
	});

	it('has the message in all seven languages', () => {
		const texts = LOCALES.map((l) => t(l, UNSAFE_TEXT_KEY));
		for (const s of texts) expect(s).not.toBe(UNSAFE_TEXT_KEY);
		expect(new Set(texts).size).toBe(7);
	});

	for (const f of forms) {
		it(`${f.name}: refuses NUL, U+202E, U+2067 and other controls with the translated message; stores NFC; takes Arabic and Persian`, () => {
			for (const bad of BAD) {
				const r = parseForm(form({ ...f.base, [f.field]: bad }), f.schema, 'de');
				expect(r.ok, JSON.stringify(bad)).toBe(false);
				expect(r.ok ? null : r.errors[f.field]).toBe(t('de', UNSAFE_TEXT_KEY));
				const en = parseForm(form({ ...f.base, [f.field]: bad }), f.schema, 'en');
				expect(en.ok ? null : en.errors[f.field]).toBe(t('en', UNSAFE_TEXT_KEY));
			}
			const nfc = parseForm(form({ ...f.base, [f.field]: `  ${DECOMPOSED}  ` }), f.schema, 'de');
			expect(nfc.ok && (nfc.data as Record<string, string>)[f.field]).toBe('René Café');
			for (const good of GOOD) {
				const r = parseForm(form({ ...f.base, [f.field]: good }), f.schema, 'ar');
				expect(r.ok && (r.data as Record<string, string>)[f.field], good).toBe(good);
			}
		});
	}

	it('stores display names as NFC however they arrive (CLI, tests, profile)', async () => {
		const r = await createUser({ email: `nfc-${Date.now()}@example.org`, password: 'ein langes Passwort', displayName: DECOMPOSED });
		if (!r.ok) throw new Error(r.reason);
		expect((await getUser(r.user.id))!.displayName).toBe('René Café');
		await updateProfile(r.user.id, { displayName: 'مریم', locale: 'fa' });
		expect((await getUser(r.user.id))!.displayName).toBe('مریم');
	});

	it('episode chapters and guests: refused by row, with the translated message', () => {
		expect(validateChapters(['0', '10'], ['Intro', RLO], null)).toEqual({ ok: false, problem: { key: 'hardening_data_error_chapter_controls', params: { row: 2 } } });
		expect(validateChapters(['0'], [DECOMPOSED], null)).toEqual({ ok: true, chapters: [{ start: 0, title: 'René Café' }] });
		expect(validateGuests([{ name: 'أمينة', role: 'Vorsitz' }, { name: NUL, role: '' }])).toEqual({ key: 'hardening_data_error_guest_controls', params: { row: 2 } });
		expect(validateGuests([{ name: 'مریم', role: 'مهمان' }])).toBeNull();
		expect(t('fa', 'hardening_data_error_guest_controls', { row: 2 })).toContain('2');
	});

	it('the content import refuses such titles with file and line, and keeps Arabic titles', () => {
		const course = parseCourse(`---\ntitle: "Kurs\u202Eesruk"\nsummary: S\nlanguage: de\nlevel: beginner\nhours: 1\n---\n`, 'c/course.md');
		expect(course).toMatchObject({ ok: false, errors: [{ file: 'c/course.md', line: 2, reason: expect.stringContaining('bidi') }] });
		expect(parseModule(`---\ntitle: "Modul\u0000"\n---\n`, 'c/01-m/module.md', 'de')).toMatchObject({ ok: false, errors: [{ line: 2 }] });
		const lesson = parseLesson(`---\nduration: 5\ntitle: "Lek\u2066tion"\n---\nText\n`, 'c/01-m/01-l.md', { courseSlug: 'c', fileName: '01-l.md', lang: 'de' });
		expect(lesson).toMatchObject({ ok: false, errors: [{ line: 3 }] });
		const arabic = parseLesson(`---\nduration: 5\ntitle: "${DECOMPOSED} – مشاركة"\n---\nText\n`, 'c/01-m/01-l.md', { courseSlug: 'c', fileName: '01-l.md', lang: 'de' });
		expect(arabic.ok && arabic.value.title).toBe('René Café – مشاركة');
		const problems: { file: string; line: number; reason: string }[] = [];
		expect(parseEpisode(`---\ntitle: "Folge\u202E"\ndate: 2026-01-01\nnumber: 1\n---\n`, 'podcast/f/episode.md', problems)).toBeNull();
		expect(problems).toMatchObject([{ file: 'podcast/f/episode.md', line: 2, reason: expect.stringContaining('bidi') }]);
	});
});
