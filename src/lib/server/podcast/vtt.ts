// WebVTT transcripts: parse cues with their `<v Speaker>` voice, validate, and format times.
export interface Cue {
	start: number;
	end: number;
	speaker: string | null;
	text: string;
}

function time(s: string): number | null {
	const m = /^(?:(\d+):)?(\d{2}):(\d{2})\.(\d{3})$/.exec(s.trim());
	if (!m) return null;
	return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 1000;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');

/** Parses a WebVTT file; throws `{ line, message }` for the first malformed timing line. */
export function parseVtt(src: string): Cue[] {
	const lines = src.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
	if (!/^WEBVTT(\s|$)/.test(lines[0] ?? '')) throw Object.assign(new Error('a WebVTT file must start with "WEBVTT"'), { line: 1 });
	const cues: Cue[] = [];
	for (let i = 1; i < lines.length; i++) {
		const line = lines[i];
		if (!line.includes('-->')) continue;
		const [a, rest] = line.split('-->');
		const start = time(a);
		const end = time((rest ?? '').trim().split(/\s+/)[0] ?? '');
		if (start === null || end === null || end < start) throw Object.assign(new Error(`bad cue timing "${line.trim()}"`), { line: i + 1 });
		const textLines: string[] = [];
		while (i + 1 < lines.length && lines[i + 1].trim() !== '') textLines.push(lines[++i]);
		const raw = textLines.join(' ');
		const voice = /<v(?:\.[\w.-]+)?\s+([^>]+)>/.exec(raw);
		const text = decode(raw.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
		cues.push({ start, end, speaker: voice ? decode(voice[1].trim()) : null, text });
	}
	return cues;
}

/** 754 → "12:34", 3754 → "1:02:34" */
export function formatClock(seconds: number): string {
	const s = Math.max(0, Math.floor(seconds));
	const h = Math.floor(s / 3600);
	const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
	const ss = String(s % 60).padStart(2, '0');
	return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
