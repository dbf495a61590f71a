// Content import refuses broken files with file, line and reason, and keeps the last good state.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTENT, tone } from '../../../../tests/fixtures/podcast-content';
import { db, schema } from '../db';
import { importPodcast } from './import';
import { parseTimestamp } from './parse';
import { parseVtt } from './vtt';

let dir: string;
const pod = (...p: string[]) => path.join(dir, 'podcast', ...p);

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'content-'));
	fs.cpSync(FIXTURE_CONTENT, dir, { recursive: true });
	tone(pod('erste-folge', 'audio.wav'), 2);
	tone(pod('zweite-folge', 'audio.wav'), 2);
});

describe('importPodcast', () => {
	it('imports the show and episodes, then refuses a broken edit while the old version stays', async () => {
		const first = await importPodcast(dir);
		expect(first.errors).toEqual([]);
		expect(first.imported).toBe(3);
		const src = fs.readFileSync(pod('erste-folge', 'episode.md'), 'utf8');
		fs.writeFileSync(pod('erste-folge', 'episode.md'), src.replace('title: "Erste Folge', 'titel: "Erste Folge').replace('start: "00:08"', 'start: "8 Minuten"'));
		const r = await importPodcast(dir);
		expect(r.errors).toEqual(
			expect.arrayContaining([
				{ file: expect.stringMatching(/erste-folge\/episode\.md$/), line: 1, reason: 'title: Invalid input: expected string, received undefined' }
			])
		);
		const ep = (await db().select().from(schema.episodes).where(eq(schema.episodes.slug, 'erste-folge')))[0];
		expect(ep.title).toBe('Erste Folge: Anträge & <Ausschüsse> 🎙');
		fs.writeFileSync(pod('erste-folge', 'episode.md'), src.replace('start: "00:08"', 'start: "8 Minuten"'));
		const r2 = await importPodcast(dir);
		expect(r2.errors).toEqual([{ file: expect.stringMatching(/episode\.md$/), line: 19, reason: 'chapters.1.start: "8 Minuten" is not a time like 12:34 or 01:02:03' }]);
		fs.writeFileSync(pod('erste-folge', 'episode.md'), src);
	});

	it('names missing audio, a bad transcript and a cover of the wrong size', async () => {
		fs.renameSync(pod('zweite-folge', 'audio.wav'), pod('zweite.wav'));
		fs.writeFileSync(pod('erste-folge', 'transcript.vtt'), 'WEBVTT\n\n00:00.000 --> 00:0x.000\nkaputt\n');
		fs.writeFileSync(pod('small.png'), fs.readFileSync(pod('cover.png')).fill(0, 16, 24));
		fs.writeFileSync(pod('show.md'), fs.readFileSync(pod('show.md'), 'utf8').replace('image: cover.png', 'image: small.png'));
		const r = await importPodcast(dir);
		const reasons = r.errors.map((e) => `${path.basename(e.file)}:${e.line}: ${e.reason}`);
		expect(reasons).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/^show\.md:11: image: small\.png is 0×0 px; podcast apps need a square PNG or JPEG of 1400–3000 px$/),
				'transcript.vtt:3: bad cue timing "00:00.000 --> 00:0x.000"',
				expect.stringMatching(/^episode\.md:1: no audio file/)
			])
		);
	});
});

describe('parsers', () => {
	it('reads chapter times', () => {
		expect(parseTimestamp('12:34')).toBe(754);
		expect(parseTimestamp('01:02:03')).toBe(3723);
		expect(parseTimestamp(90)).toBe(90);
		expect(parseTimestamp('1:75')).toBeNull();
	});
	it('reads WebVTT cues with voices', () => {
		const cues = parseVtt('WEBVTT\n\n1\n00:01.000 --> 00:02.500\n<v Amina Beispiel>Hallo &amp; willkommen</v>\n');
		expect(cues).toEqual([{ start: 1, end: 2.5, speaker: 'Amina Beispiel', text: 'Hallo & willkommen' }]);
	});
});
