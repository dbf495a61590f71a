// Voices the demo podcast episodes with espeak-ng: content/podcast/<slug>/script.txt becomes
// audio.opus, transcript.vtt (cue times measured from the synthesised audio) and the chapter
// start times in episode.md. Usage: npx tsx scripts/demo-voices.ts [slug …]
// (`--cover` instead draws content/podcast/cover.png.)
//
// script.txt format (one item per line):
//   # comment
//   @voice Speaker Name: de+f2 p=60 s=160      espeak-ng voice, pitch (0–99), speed (words/min)
//   @say written => spoken                     respelling for the synthesiser only (transcript keeps "written")
//   ## Chapter title                           a chapter starts with the next turn
//   Speaker Name: text of one turn
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument, Scalar } from 'yaml';

const PODCAST_DIR = path.resolve(import.meta.dirname, '..', 'content', 'podcast');
const TURN_PAUSE = 0.35; // seconds of silence between speaker turns
const CHUNK_PAUSE = 0.05; // extra silence between the sentence chunks of one turn (espeak already trails ~0.15 s)
const MAX_CHUNK = 150; // characters per cue; longer turns are split at sentence ends
const LIMITS = { minSeconds: 120, maxSeconds: 240, maxBytes: 1024 * 1024, minChapters: 4, maxChapters: 7 };

interface Voice { variant: string; pitch: number; speed: number }
interface Turn { speaker: string; text: string; chapter?: string; line: number }
interface Script { voices: Map<string, Voice>; says: [string, string][]; turns: Turn[] }
interface Cue { start: number; end: number; speaker: string; text: string }

function fail(msg: string): never {
	console.error(`demo-voices: ${msg}`);
	process.exit(1);
}

function parseScript(src: string, file: string): Script {
	const voices = new Map<string, Voice>();
	const says: [string, string][] = [];
	const turns: Turn[] = [];
	let pendingChapter: string | undefined;
	src.split(/\r?\n/).forEach((raw, i) => {
		const line = raw.trim();
		const where = `${file}:${i + 1}`;
		if (!line || (line.startsWith('#') && !line.startsWith('##'))) return;
		if (line.startsWith('##')) {
			if (pendingChapter) fail(`${where}: two chapter headings without a turn between them`);
			pendingChapter = line.replace(/^##\s*/, '');
			return;
		}
		let m = /^@voice\s+([^:]+):\s*(\S+)\s+p=(\d+)\s+s=(\d+)$/.exec(line);
		if (m) {
			voices.set(m[1].trim(), { variant: m[2], pitch: Number(m[3]), speed: Number(m[4]) });
			return;
		}
		m = /^@say\s+(.+?)\s*=>\s*(.+)$/.exec(line);
		if (m) {
			says.push([m[1], m[2]]);
			return;
		}
		if (line.startsWith('@')) fail(`${where}: unknown directive`);
		m = /^([^:]{2,60}):\s+(.+)$/.exec(line);
		if (!m) fail(`${where}: expected "Speaker Name: text"`);
		const speaker = m[1].trim();
		if (!voices.has(speaker)) fail(`${where}: no @voice line for "${speaker}" before its first turn`);
		turns.push({ speaker, text: m[2].trim(), chapter: pendingChapter, line: i + 1 });
		pendingChapter = undefined;
	});
	if (pendingChapter) fail(`${file}: chapter "${pendingChapter}" has no turn after it`);
	if (turns.length === 0) fail(`${file}: no turns`);
	if (!turns[0].chapter) fail(`${file}: the first turn must follow a "## chapter" heading`);
	return { voices, says, turns };
}

/** Splits a turn into cue-sized chunks at sentence ends. A period only ends a sentence after a word
 *  of 3+ letters or a digit, so abbreviations like "e. V." stay together. */
function chunkTurn(text: string): string[] {
	const sentences = text.split(/(?<=(?:[\p{L}]{3}|\d)[.!?…]["“”«»]?)\s+(?=[\p{Lu}„"»\d])/u);
	const chunks: string[] = [];
	for (const s of sentences) {
		const last = chunks.length - 1;
		if (last >= 0 && chunks[last].length + 1 + s.length <= MAX_CHUNK) chunks[last] += ' ' + s;
		else chunks.push(s);
	}
	return chunks;
}

function respell(text: string, says: [string, string][]): string {
	let out = text;
	for (const [written, spoken] of says) out = out.split(written).join(spoken);
	return out;
}

/** Exact length in samples and the sample rate, from ffprobe (WAV headers carry the sample count). */
function probeWav(file: string): { samples: number; rate: number } {
	const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries',
		'stream=duration_ts,time_base,sample_rate', '-of', 'json', file], { encoding: 'utf8' });
	const s = JSON.parse(out).streams[0];
	const [num, den] = String(s.time_base).split('/').map(Number);
	const rate = Number(s.sample_rate);
	return { samples: Math.round((Number(s.duration_ts) * num * rate) / den), rate };
}

function silence(file: string, samples: number, rate: number): void {
	execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `anullsrc=r=${rate}:cl=mono`,
		'-af', `atrim=end_sample=${samples}`, '-c:a', 'pcm_s16le', file]);
}

function vttTime(seconds: number): string {
	const ms = Math.round(seconds * 1000);
	const h = Math.floor(ms / 3600000), m = Math.floor(ms / 60000) % 60, s = Math.floor(ms / 1000) % 60;
	const p = (n: number, w = 2) => String(n).padStart(w, '0');
	return `${p(h)}:${p(m)}:${p(s)}.${p(ms % 1000, 3)}`;
}

function mmss(seconds: number): string {
	const s = Math.floor(seconds);
	return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

function escapeVtt(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function writeVtt(file: string, cues: Cue[]): void {
	const blocks = cues.map((c, i) =>
		`${i + 1}\n${vttTime(c.start)} --> ${vttTime(c.end)}\n<v ${c.speaker}>${escapeVtt(c.text)}`);
	fs.writeFileSync(file, `WEBVTT\n\nNOTE Demo-Inhalt von Mitsprache. Fiktive Personen, synthetische Stimmen (espeak-ng).\n\n${blocks.join('\n\n')}\n`);
}

/** Rewrites the `chapters` list in episode.md's front matter, leaving every other key and the body as they are. */
function writeChapters(file: string, chapters: { start: string; title: string }[]): void {
	const src = fs.readFileSync(file, 'utf8');
	if (!src.startsWith('---\n')) fail(`${file}: no front matter`);
	const end = src.indexOf('\n---', 3);
	const doc = parseDocument(src.slice(4, end + 1));
	if (doc.errors.length) fail(`${file}: ${doc.errors[0].message}`);
	doc.set('chapters', doc.createNode(chapters.map((c) => {
		const start = new Scalar(c.start);
		start.type = Scalar.QUOTE_DOUBLE; // "01:30" must stay a string for YAML 1.1 readers too
		return { start, title: c.title };
	})));
	fs.writeFileSync(file, `---\n${doc.toString({ lineWidth: 0 })}${src.slice(end + 1)}`);
}

function voiceEpisode(slug: string): void {
	const dir = path.join(PODCAST_DIR, slug);
	const scriptFile = path.join(dir, 'script.txt');
	const script = parseScript(fs.readFileSync(scriptFile, 'utf8'), path.relative(process.cwd(), scriptFile));
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `demo-voices-${slug}-`));
	try {
		const cues: Cue[] = [];
		const chapters: { start: string; title: string }[] = [];
		const parts: string[] = [];
		let offset = 0; // samples, so that cue times never drift from the audio
		let rate = 0;
		let n = 0;
		const pause = (seconds: number) => {
			const file = path.join(tmp, `pause-${seconds}.wav`);
			if (!fs.existsSync(file)) silence(file, Math.round(seconds * rate), rate);
			parts.push(file);
			offset += Math.round(seconds * rate);
		};
		script.turns.forEach((turn, t) => {
			const v = script.voices.get(turn.speaker)!;
			chunkTurn(turn.text).forEach((chunk, c) => {
				const wav = path.join(tmp, `${String(n++).padStart(4, '0')}.wav`);
				execFileSync('espeak-ng', ['-v', v.variant, '-p', String(v.pitch), '-s', String(v.speed), '-w', wav,
					respell(chunk, script.says)]);
				const probe = probeWav(wav);
				if (rate && probe.rate !== rate) fail(`${slug}: espeak-ng changed sample rate`);
				rate = probe.rate;
				if (c === 0 && t > 0) pause(TURN_PAUSE);
				else if (c > 0) pause(CHUNK_PAUSE);
				if (c === 0 && turn.chapter) chapters.push({ start: mmss(offset / rate), title: turn.chapter });
				cues.push({ start: offset / rate, end: (offset + probe.samples) / rate, speaker: turn.speaker, text: chunk });
				parts.push(wav);
				offset += probe.samples;
			});
		});
		const total = offset / rate;
		checkChapters(slug, chapters, total);

		const list = path.join(tmp, 'list.txt');
		fs.writeFileSync(list, parts.map((p) => `file '${p}'`).join('\n') + '\n');
		const wavAll = path.join(tmp, 'all.wav');
		execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', wavAll]);
		const joined = probeWav(wavAll);
		if (joined.samples !== offset) fail(`${slug}: concatenated ${joined.samples} samples, expected ${offset}`);
		const opus = path.join(dir, 'audio.opus');
		// -2 dB leaves headroom (espeak-ng peaks at full scale); bitexact keeps the Ogg serial fixed, so
		// re-voicing unchanged scripts gives byte-identical files and no churn in git.
		execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wavAll, '-af', 'volume=-2dB', '-ac', '1', '-ar', '48000',
			'-fflags', '+bitexact', '-flags:a', '+bitexact', '-c:a', 'libopus',
			'-b:a', '24k', '-application', 'voip', '-map_metadata', '-1', '-metadata', `title=${slug} (Demo)`,
			'-metadata', 'comment=Demo-Inhalt, synthetische Stimmen (espeak-ng)', opus]);
		writeVtt(path.join(dir, 'transcript.vtt'), cues);
		writeChapters(path.join(dir, 'episode.md'), chapters);

		const bytes = fs.statSync(opus).size;
		const voices = [...script.voices].map(([name, v]) => `${name}=${v.variant} p=${v.pitch} s=${v.speed}`).join(', ');
		console.log(`${slug}: ${total.toFixed(2)} s, ${(bytes / 1024).toFixed(0)} KiB, ${cues.length} cues, ${chapters.length} chapters; ${voices}`);
		if (total < LIMITS.minSeconds || total > LIMITS.maxSeconds) fail(`${slug}: ${total.toFixed(1)} s is outside ${LIMITS.minSeconds}–${LIMITS.maxSeconds} s`);
		if (bytes > LIMITS.maxBytes) fail(`${slug}: audio.opus is ${bytes} bytes, over ${LIMITS.maxBytes}`);
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

function checkChapters(slug: string, chapters: { start: string }[], total: number): void {
	if (chapters.length < LIMITS.minChapters || chapters.length > LIMITS.maxChapters)
		fail(`${slug}: ${chapters.length} chapters, want ${LIMITS.minChapters}–${LIMITS.maxChapters}`);
	if (chapters[0].start !== '00:00') fail(`${slug}: the first chapter must start at 00:00`);
	const secs = chapters.map((c) => Number(c.start.slice(0, 2)) * 60 + Number(c.start.slice(3)));
	secs.forEach((s, i) => {
		if (i > 0 && s <= secs[i - 1]) fail(`${slug}: chapter ${i + 1} does not start after chapter ${i}`);
		if (s >= total) fail(`${slug}: chapter ${i + 1} starts after the end of the audio`);
	});
}

/** The show's square cover: flat colours and DejaVu text (fonts-dejavu-core), white on dark blue for contrast. */
function makeCover(): void {
	const font = (bold: boolean) => `/usr/share/fonts/truetype/dejavu/DejaVuSans${bold ? '-Bold' : ''}.ttf`;
	if (!fs.existsSync(font(true))) fail('DejaVu fonts missing: apt-get install fonts-dejavu-core');
	const text = (t: string, size: number, y: number, color: string, bold = false) =>
		`drawtext=fontfile=${font(bold)}:text='${t}':fontsize=${size}:fontcolor=${color}:x=(w-text_w)/2:y=${y}`;
	const filters = ['drawbox=x=0:y=980:w=1400:h=170:color=0xffd166:t=fill',
		text('Mitsprache', 184, 340, 'white', true), text('Gespräche über Teilhabe', 84, 600, 'white'),
		text('Ein Podcast für Migranten- und Integrationsbeiräte', 46, 730, '0xdbe7f3'),
		text('DEMO', 110, 1010, '0x12355b', true), text('Fiktive Personen · synthetische Stimmen', 46, 1230, '0xdbe7f3')];
	const out = path.join(PODCAST_DIR, 'cover.png');
	execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x12355b:s=1400x1400:d=1', '-frames:v', '1',
		'-vf', filters.join(','), '-pix_fmt', 'rgb24', '-fflags', '+bitexact', '-flags', '+bitexact', out]);
	console.log(`cover.png: ${(fs.statSync(out).size / 1024).toFixed(0)} KiB`);
}

const args = process.argv.slice(2);
if (args[0] === '--cover') {
	makeCover();
	process.exit(0);
}
const slugs = args.length ? args
	: fs.readdirSync(PODCAST_DIR).filter((d) => fs.existsSync(path.join(PODCAST_DIR, d, 'script.txt'))).sort();
if (slugs.length === 0) fail(`no content/podcast/<slug>/script.txt found`);
for (const slug of slugs) voiceEpisode(slug);
