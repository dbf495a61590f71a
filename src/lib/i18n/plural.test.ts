// Every message that shows a count takes the plural form its number needs, in every interface language: the forms
// themselves for typical counts (0, 1, 2, 5, 11, 21 cover every CLDR category of the seven languages), and the shape
// of the message files, so that a count message added later as a plain string ("{n} Kurs(e)") fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as m from '../paraglide/messages.js';
import { shownCount } from './plural';

const LOCALES = ['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru'] as const;
type Locale = (typeof LOCALES)[number];
const COUNTS = [0, 1, 2, 5, 11, 21];
const MESSAGES = path.resolve(__dirname, '../../../messages');

type Complex = [{ declarations: string[]; selectors: string[]; match: Record<string, string> }];
type Message = string | Complex;

function messages(locale: Locale): Record<string, Message> {
	const dir = path.join(MESSAGES, locale);
	const all: Record<string, Message> = {};
	for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) Object.assign(all, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
	delete all.$schema;
	return all;
}
const byLocale = Object.fromEntries(LOCALES.map((l) => [l, messages(l)])) as Record<Locale, Record<string, Message>>;
const pluralKeys = Object.keys(byLocale.de).filter((k) => Array.isArray(byLocale.de[k]));

type Fn = (inputs: Record<string, unknown>, options: { locale: Locale }) => string;
const msg = (key: string) => (m as unknown as Record<string, Fn>)[key];
const forms = (key: string, locale: Locale, inputs: (n: number) => Record<string, unknown>) => COUNTS.map((n) => msg(key)(inputs(n), { locale }));

describe('plural messages: the forms', () => {
	it('count nouns agree with their number in all seven languages', () => {
		const lessons = (l: Locale) => forms('course_lessons_count', l, (n) => ({ n }));
		expect(lessons('de')).toEqual(['0 Lektionen', '1 Lektion', '2 Lektionen', '5 Lektionen', '11 Lektionen', '21 Lektionen']);
		expect(lessons('en')).toEqual(['0 lessons', '1 lesson', '2 lessons', '5 lessons', '11 lessons', '21 lessons']);
		// Turkish and Farsi keep the noun singular after a number
		expect(lessons('tr')).toEqual(['0 ders', '1 ders', '2 ders', '5 ders', '11 ders', '21 ders']);
		expect(lessons('fa')).toEqual(['0 درس', '1 درس', '2 درس', '5 درس', '11 درس', '21 درس']);
		// one (1, 21), few (2–4), many (0, 5–20)
		expect(lessons('ru')).toEqual(['0 уроков', '1 урок', '2 урока', '5 уроков', '11 уроков', '21 урок']);
		expect(lessons('uk')).toEqual(['0 уроків', '1 урок', '2 уроки', '5 уроків', '11 уроків', '21 урок']);
		// zero, one, two (dual), few (3–10: plural), many (11–99: singular accusative)
		expect(lessons('ar')).toEqual(['لا دروس', 'درس واحد', 'درسان', '5 دروس', '11 درسًا', '21 درسًا']);
	});

	it('the catalogue, the podcast search and the transcript search say the singular for one result', () => {
		expect(forms('course_results_count', 'de', (n) => ({ n }))).toEqual(['0 Kurse gefunden', '1 Kurs gefunden', '2 Kurse gefunden', '5 Kurse gefunden', '11 Kurse gefunden', '21 Kurse gefunden']);
		expect(forms('course_results_count', 'ru', (n) => ({ n }))).toEqual(['Найдено 0 курсов', 'Найден 1 курс', 'Найдено 2 курса', 'Найдено 5 курсов', 'Найдено 11 курсов', 'Найден 21 курс']);
		expect(forms('course_results_count', 'ar', (n) => ({ n }))).toEqual(['لم يُعثر على أي دورة', 'عُثر على دورة واحدة', 'عُثر على دورتين', 'عُثر على 5 دورات', 'عُثر على 11 دورة', 'عُثر على 21 دورة']);
		const search = (l: Locale) => forms('podcast_search_results', l, (n) => ({ n, q: 'Wahl' }));
		expect(search('de')[1]).toBe('1 Folge gefunden für „Wahl“.');
		expect(search('de')[2]).toBe('2 Folgen gefunden für „Wahl“.');
		expect(search('en').slice(1, 3)).toEqual(['1 episode found for “Wahl”.', '2 episodes found for “Wahl”.']);
		expect(search('ru')).toEqual([0, 1, 2, 5, 11, 21].map((n, i) => `По запросу «Wahl» ${i === 1 || i === 5 ? 'найден' : 'найдено'} ${n} ${['выпусков', 'выпуск', 'выпуска', 'выпусков', 'выпусков', 'выпуск'][i]}.`));
		expect(search('uk')[2]).toBe('За запитом «Wahl» знайдено 2 випуски.');
		expect(search('ar')[2]).toBe('عُثر على حلقتين تطابقان «Wahl».');
		expect(forms('podcast_transcript_count', 'de', (n) => ({ n })).slice(1, 3)).toEqual(['1 Stelle gefunden', '2 Stellen gefunden']);
	});

	it('no "Alle 1 Fassungen": one version is named as one', () => {
		expect(msg('studio_history_caption')({ n: 1 }, { locale: 'de' })).toBe('1 Fassung');
		expect(msg('studio_history_caption')({ n: 3 }, { locale: 'de' })).toBe('Alle 3 Fassungen, die neueste zuerst');
		expect(msg('studio_history_caption')({ n: 1 }, { locale: 'en' })).toBe('1 version');
		expect(msg('studio_history_caption')({ n: 5 }, { locale: 'ru' })).toBe('Все 5 версий, сначала новые');
		expect(msg('studio_history_caption')({ n: 2 }, { locale: 'ar' })).toBe('نسختان، الأحدث أولًا');
	});

	it('numbers with a fraction take the form for fractions (shown number and plural number agree)', () => {
		const hours = (h: number, locale: Locale, shown: string) => msg('course_verify_hours_value')({ hours: shown, count: shownCount(h) }, { locale });
		expect(hours(1, 'de', '1')).toBe('1 Stunde');
		expect(hours(1.5, 'de', '1,5')).toBe('1,5 Stunden');
		// 1.04 is shown as "1" and must read as one hour
		expect(hours(1.04, 'de', '1')).toBe('1 Stunde');
		expect(hours(1.5, 'ru', '1,5')).toBe('1,5 часа');
		expect(hours(5, 'ru', '5')).toBe('5 часов');
		expect(hours(21, 'uk', '21')).toBe('21 година');
		expect(msg('course_fact_hours_value')({ hours: '2', count: 2 }, { locale: 'ar' })).toBe('نحو ساعتين');
		expect(msg('analytics_days')({ n: '1', count: 1 }, { locale: 'de' })).toBe('1 Tag');
		expect(msg('analytics_hours')({ n: '0', count: 0 }, { locale: 'de' })).toBe('0 Stunden');
	});

	it('a sentence with two counts lets each count choose its own form', () => {
		expect(msg('analytics_funnel_completed')({ first: 1, enrolled: 3, last: 0 }, { locale: 'de' })).toBe('Die erste hat 1 von 3 Eingeschriebenen abgeschlossen, die letzte 0.');
		expect(msg('analytics_funnel_completed')({ first: 2, enrolled: 3, last: 1 }, { locale: 'de' })).toBe('Die erste haben 2 von 3 Eingeschriebenen abgeschlossen, die letzte 1.');
		expect(msg('analytics_funnel_completed')({ first: 1, enrolled: 1, last: 1 }, { locale: 'en' })).toBe('1 of 1 enrolled learner completed the first, 1 the last.');
		expect(msg('analytics_funnel_completed')({ first: 3, enrolled: 21, last: 1 }, { locale: 'ru' })).toBe('Первый урок завершили 3 из 21 записавшегося, последний – 1.');
	});
});

describe('plural messages: the files', () => {
	it('every plural message has exactly the CLDR categories of its language, and no count ever falls through', () => {
		expect(pluralKeys.length).toBeGreaterThanOrEqual(30);
		for (const locale of LOCALES) {
			const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
			for (const key of pluralKeys) {
				const value = byLocale[locale][key];
				expect(Array.isArray(value), `${locale}/${key} is plural-aware`).toBe(true);
				const [{ selectors, match }] = value as Complex;
				expect(selectors, `${locale}/${key}`).toHaveLength(1);
				const keys = Object.keys(match).map((k) => k.split('=')[1]).sort();
				expect(keys, `${locale}/${key}`).toEqual(categories);
				// a missing category would print the message key; a missing input would print "undefined"
				for (const n of [...Array(26).keys(), 100, 101, 102, 103, 111, 112, 0.5, 1.5, 2.5, 1001]) {
					const out = msg(key)({ n, total: n, count: n, first: n, enrolled: n, last: n, done: n, questions: n, hours: String(n), q: 'x', hardest: 'x', share: 'x', percent: 1 }, { locale });
					expect(out, `${locale}/${key}(${n})`).not.toBe(key);
					expect(out, `${locale}/${key}(${n})`).not.toMatch(/undefined|\{|\}/);
				}
			}
		}
	});

	it('every language declares the same inputs for a plural message as German', () => {
		const inputs = (v: Message) => (v as Complex)[0].declarations.filter((d) => d.startsWith('input ')).sort();
		for (const key of pluralKeys) for (const locale of LOCALES) expect(inputs(byLocale[locale][key]), `${locale}/${key}`).toEqual(inputs(byLocale.de[key]));
	});

	it('no count is left as a plain string: a placeholder that counts something is in a plural message', () => {
		// placeholders that are a number of something; the messages below use one for what is not a count of a noun
		const COUNT = /\{(n|total|count|done|lessons|questions|listeners|days|plays|hours|enrolled|completed|first|last|drop|max|mb|minutes)\}/;
		const NOT_A_COUNT = new Set([
			'admin_paging_status', // Seite 2 von 5
			'analytics_of', // 3 von 7 (a table cell)
			'analytics_percent', // 42 %
			'analytics_funnel_drop', // (3 weniger): a difference, no noun
			'analytics_weeks_summary', // (4): the highest week, in brackets; its counts come in as phrases
			'analytics_plays_summary', // the same
			'course_module_heading', // Modul 2: …
			'course_lesson_position', // Lektion 3 von 8
			'podcast_season', // Staffel 1
			'podcast_episode_number', // Folge 7
			'studioep_guest_n', // Gast 2
			'studioep_chapter_n', // Kapitel 3
			'learner_quiz_question_n', // Frage 2
			'studioep_owners_count', // a bare number in a table cell
			'studio_history_revision', // Fassung 4
			'studioep_audio_file', // höchstens 200 MB (a unit symbol)
			'studioep_upload_too_large',
			'studio_zip_hint',
			'podcast_seek_value', // 3 Minuten, 12 Sekunden von 25 Minuten (times in words)
			'podcast_continue_at',
			'audit_detail_megabytes', // 12 MB (a unit symbol)
			'bulk_error_too_many' // the fixed limit (500 addresses): every language's wording is the one for that number
		]);
		const offenders = Object.entries(byLocale.de)
			.filter(([key, value]) => typeof value === 'string' && COUNT.test(value) && !NOT_A_COUNT.has(key))
			.map(([key, value]) => `${key}: ${value}`);
		expect(offenders).toEqual([]);
	});
});
