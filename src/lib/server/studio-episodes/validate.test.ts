import { describe, expect, it } from 'vitest';
import { imageType, parseTime, validateChapters, validateVtt } from './validate';

describe('chapters', () => {
	it('accepts sorted rows inside the duration, in seconds or m:ss, and skips empty rows', () => {
		expect(validateChapters(['0', '1:15', '', '2:00.5'], ['Intro', 'Antrag', '', 'Ende'], 180)).toEqual({
			ok: true,
			chapters: [
				{ start: 0, title: 'Intro' },
				{ start: 75, title: 'Antrag' },
				{ start: 120.5, title: 'Ende' }
			]
		});
		expect(parseTime('1:02:03')).toBe(3723);
		expect(parseTime('abc')).toBeNull();
	});
	it('names the row that is unsorted, outside the audio, untitled or not a time', () => {
		expect(validateChapters(['0', '30', '20'], ['a', 'b', 'c'], 60)).toEqual({ ok: false, problem: { key: 'studioep_chapter_unsorted', params: { row: 3 } } });
		expect(validateChapters(['0', '10'], ['a', 'b'], 5)).toEqual({ ok: false, problem: { key: 'studioep_chapter_outside', params: { row: 2 } } });
		expect(validateChapters(['0', '10'], ['a', ''], null)).toEqual({ ok: false, problem: { key: 'studioep_chapter_no_title', params: { row: 2 } } });
		expect(validateChapters(['zehn'], ['a'], null)).toEqual({ ok: false, problem: { key: 'studioep_chapter_bad_time', params: { row: 1 } } });
		expect(validateChapters(['5', '5'], ['a', 'b'], null)).toMatchObject({ ok: false, problem: { key: 'studioep_chapter_unsorted' } });
	});
});

describe('VTT transcripts', () => {
	const good = 'WEBVTT\n\n00:00:00.000 --> 00:00:02.500\n<v Anna>Hallo.\n\n00:02.500 --> 00:04.000\nTschüss.\n';
	it('accepts a valid file (with BOM and CRLF too)', () => {
		expect(validateVtt(good)).toBeNull();
		expect(validateVtt('\uFEFF' + good.replace(/\n/g, '\r\n'))).toBeNull();
	});
	it('rejects a missing header, a bad timing line (naming the line), no cues and an empty file', () => {
		expect(validateVtt('00:00:00.000 --> 00:00:01.000\nHallo')).toEqual({ key: 'studioep_vtt_header', params: { line: 1 } });
		expect(validateVtt('WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nA\n\n00:00:03,000 --> 00:00:04.000\nB\n')).toEqual({ key: 'studioep_vtt_timing', params: { line: 6 } });
		expect(validateVtt('WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nrückwärts\n')).toEqual({ key: 'studioep_vtt_timing', params: { line: 3 } });
		expect(validateVtt('WEBVTT\n\n00:00:01.000 00:00:02.000\nohne Pfeil\n')).toEqual({ key: 'studioep_vtt_timing', params: { line: 3 } });
		expect(validateVtt('WEBVTT\n\nnur Text\n')).toEqual({ key: 'studioep_vtt_no_cues' });
		expect(validateVtt('')).toEqual({ key: 'studioep_vtt_empty' });
	});
});

describe('cover images by magic bytes', () => {
	it('knows PNG and JPEG, nothing else', () => {
		expect(imageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
		expect(imageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
		expect(imageType(new TextEncoder().encode('<svg onload=alert(1)>'))).toBeNull();
	});
});
