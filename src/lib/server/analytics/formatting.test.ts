// Analytics as people read it: one date format per locale, durations in the unit that says something, and the
// listener counts of a short episode heard to the end agree (1 listener, 100 %).
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { write } from '../db';
import { formatDuration } from './course-view';
import { episodeView } from './episode-view';
import { analyticsEpisodes } from './episodes';
import { saveListening } from '../podcast/listening';
import { countOncePerDay } from '../podcast/stats';
import { playsTable } from './episode-view';
import { weeksTable } from './tables';
import { formatShortDate } from '../../i18n/locales';
import { trainer } from '../studio/test-helpers';

const MIN = 60_000;

describe('durations', () => {
	it('says minutes below an hour, never "0 Stunden", and "–" without data', () => {
		expect(formatDuration(null, 'de')).toBe('–');
		expect(formatDuration(20 * 1000, 'de')).toBe('unter 1 Minute');
		expect(formatDuration(MIN, 'de')).toBe('1 Minute');
		expect(formatDuration(12 * MIN, 'de')).toBe('12 Minuten');
		expect(formatDuration(59.6 * MIN, 'en')).toBe('60 minutes');
		expect(formatDuration(3 * MIN, 'ru')).toBe('3 минуты');
		expect(formatDuration(90 * MIN, 'de')).toBe('1,5 Stunden');
	});
});

describe('dates', () => {
	it('writes a day the same way in chart tables and sentences, ISO only in the CSV', () => {
		const page = playsTable([{ day: '2026-12-01', plays: 1, heard: 0 }], 'de', (d) => formatShortDate(d, 'de'));
		expect(page.rows[0][0]).toBe('01.12.2026');
		expect(playsTable([{ day: '2026-12-01', plays: 1, heard: 0 }], 'de').rows[0][0]).toBe('2026-12-01');
		const weeks = weeksTable([{ week: '2026-11-30', enrolled: 1, completed: 0, enrolledTotal: 1, completedTotal: 0 }], 'de', (d) => formatShortDate(d, 'de'));
		expect(weeks.rows[0][0]).toBe('30.11.2026');
	});
});

describe('a short episode heard to the end', () => {
	it('counts the listener with an account and the one without alike: 2 plays, 100 % heard, 1 account', async () => {
		const listener = await trainer('Hörerin', 'learner');
		const now = Date.now();
		await write(async (tx) => {
			await tx.run(sql`insert into media_assets (id, hash, source_hash, duration_ms, mp3_bytes, hls_bytes, source_bytes, created_at) values ('short-asset', 'short-h', 'short-s', 4000, 1, 1, 1, 0)`);
			await tx.run(sql`insert into episodes (id, slug, guid, title, date, published_at, number, content_hash, media_asset_id, created_at, updated_at)
				values ('short-ep', 'kurze-folge', 'g-short', 'Kurze Folge', '2026-12-01', ${now - 1000}, 99, 'c', 'short-asset', 0, 0)`);
		});
		// with an account: the player counts the play and, at 90 %, "heard"; its last save on "ended" is the end
		const phone = 'Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile';
		expect(await countOncePerDay('play', 'short-ep', '203.0.113.7', phone)).toBe(true);
		expect(await countOncePerDay('heard', 'short-ep', '203.0.113.7', phone)).toBe(true);
		expect(await saveListening(listener.id, { episode: 'kurze-folge', position: 4, duration: 4, at: now })).toMatchObject({ ok: true, heard: true });
		// without an account (the walk-through's listener): the same two counts, no position on the server
		const laptop = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0';
		expect(await countOncePerDay('play', 'short-ep', '198.51.100.4', laptop)).toBe(true);
		expect(await countOncePerDay('heard', 'short-ep', '198.51.100.4', laptop)).toBe(true);
		// heard again the same day on the same device: still one
		expect(await countOncePerDay('heard', 'short-ep', '198.51.100.4', laptop)).toBe(false);
		const row = (await analyticsEpisodes({ id: 'admin', role: 'admin' })).find((e) => e.id === 'short-ep');
		expect(row).toMatchObject({ plays: 2, heard: 2, listeners: 1 });
		const view = await episodeView({ id: 'admin', role: 'admin' }, 'short-ep', 'de');
		expect(view?.heardShare).toBe('100 %');
		expect(view?.retention.summary).toContain('1 Person mit Konto hat zugehört.');
		expect(view?.retention.table.rows[0]).toEqual([0, 1, 100]);
	});
});
