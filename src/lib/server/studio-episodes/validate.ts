// Checks for what trainers type or upload in the episode studio: chapters, transcripts, cover images.
// Errors are message keys (studioep_…) with params, translated by the caller.
import { parseVtt } from '../podcast/vtt';
import { cleanName, hasUnsafeChars } from '../../validation/names';

export interface Problem {
	key: string;
	params?: Record<string, string | number>;
}

export interface ChapterRow {
	start: number;
	title: string;
}

/** "75", "1:15", "0:01:15.5" → seconds; null when not a time. */
export function parseTime(s: string): number | null {
	const t = s.trim();
	if (!/^\d+(:\d{1,2}){0,2}(\.\d+)?$/.test(t)) return null;
	return t.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

/**
 * Chapter rows from the form (parallel arrays of start times and titles; fully empty rows are ignored).
 * They must be sorted, start at distinct times and lie inside the audio (when its duration is known).
 */
export function validateChapters(starts: string[], titles: string[], durationS: number | null): { ok: true; chapters: ChapterRow[] } | { ok: false; problem: Problem } {
	const chapters: ChapterRow[] = [];
	for (let i = 0; i < Math.max(starts.length, titles.length); i++) {
		const startText = (starts[i] ?? '').trim();
		const title = cleanName(titles[i] ?? '');
		if (!startText && !title) continue;
		const row = chapters.length + 1;
		const start = parseTime(startText);
		if (start === null) return { ok: false, problem: { key: 'studioep_chapter_bad_time', params: { row } } };
		if (!title || title.length > 200) return { ok: false, problem: { key: 'studioep_chapter_no_title', params: { row } } };
		if (hasUnsafeChars(title)) return { ok: false, problem: { key: 'hardening_data_error_chapter_controls', params: { row } } };
		if (durationS !== null && durationS > 0 && start >= durationS) return { ok: false, problem: { key: 'studioep_chapter_outside', params: { row } } };
		const prev = chapters[chapters.length - 1];
		if (prev && start <= prev.start) return { ok: false, problem: { key: 'studioep_chapter_unsorted', params: { row } } };
		chapters.push({ start: Math.round(start * 1000) / 1000, title });
	}
	return { ok: true, chapters };
}

/** Guest names and roles are names too: no controls or bidi overrides (the shared rule in validation/names.ts). */
export function validateGuests(guests: { name: string; role: string }[]): Problem | null {
	const i = guests.findIndex((g) => hasUnsafeChars(g.name) || hasUnsafeChars(g.role));
	return i < 0 ? null : { key: 'hardening_data_error_guest_controls', params: { row: i + 1 } };
}

/** A WebVTT transcript: WEBVTT header and well-formed cue timing lines; the error names the line. */
export function validateVtt(src: string): Problem | null {
	if (!src.trim()) return { key: 'studioep_vtt_empty' };
	const lines = src.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
	if (!/^WEBVTT(\s|$)/.test(lines[0] ?? '')) return { key: 'studioep_vtt_header', params: { line: 1 } };
	// a line that looks like a timing line but lacks the arrow is a typo, not cue text
	for (let i = 1; i < lines.length; i++) {
		if (/^\s*(\d+:)?\d{2}:\d{2}[.,]\d{3}\s/.test(lines[i]) && !lines[i].includes('-->')) return { key: 'studioep_vtt_timing', params: { line: i + 1 } };
	}
	try {
		const cues = parseVtt(src);
		if (!cues.length) return { key: 'studioep_vtt_no_cues' };
	} catch (err) {
		return { key: 'studioep_vtt_timing', params: { line: (err as { line?: number }).line ?? 1 } };
	}
	return null;
}

/** PNG or JPEG by magic bytes (never by the file name or the browser's type); null for anything else. */
export function imageType(bytes: Uint8Array): 'image/png' | 'image/jpeg' | null {
	const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
	if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	return null;
}
