// ffmpeg must never follow a reference inside an uploaded or imported file: an HLS playlist, a concat list or an SDP
// file naming another file (or an address) is "not audio", refused before a job exists, whatever it is called; a job
// whose source is such a file (queued before this check existed) fails without reading what it names.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePodcastContent, tone } from '../../../../tests/fixtures/podcast-content';
import { createUser } from '../auth/accounts';
import { db, schema } from '../db';
import { importPodcast } from '../podcast/import';
import { acceptAudio } from '../studio-episodes/audio';
import { createEpisode } from '../studio-episodes/episodes';
import { receiveUpload } from '../studio-episodes/upload';
import { analyse } from './analyse';
import { AUDIO_FORMATS, IngestError, looksLikeAudioContainer, probe } from './ffmpeg';
import { checkSource, packageAudio } from './package-audio';
import { uploadDir } from './sources';

let dir: string;
/** the local file a hostile playlist names: it must never be read, let alone packaged and published */
let secret: string;

/** Hostile files; `ref` is how the file names the secret (relative names resolve beside the file itself). */
const hostile = (ref: string): [string, string][] => [
	['an HLS playlist (m3u8)', `#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:3.0,\n${ref}\n#EXT-X-ENDLIST\n`],
	['an ffconcat list', `ffconcat version 1.0\nfile ${path.basename(ref)}\nduration 3\n`],
	['an SDP file', 'v=0\no=- 0 0 IN IP4 127.0.0.1\ns=Mitschnitt\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 5004 RTP/AVP 97\na=rtpmap:97 L16/48000/1\n'],
	['a master playlist', `#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS="mp4a.40.2"\n${ref}\n`]
];

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'refs-'));
	secret = path.join(dir, 'geheim.mp3');
	tone(secret, 3, ['-c:a', 'libmp3lame']);
	fs.mkdirSync(uploadDir(), { recursive: true });
});

async function trainerEpisode(slug: string) {
	const u = await createUser({ email: `refs-${slug}@example.org`, password: 'ein langes Passwort', displayName: 'Trainerin', role: 'trainer' });
	if (!u.ok) throw new Error(u.reason);
	const r = await createEpisode(u.user.id, { title: `Folge ${slug}`, slug, date: '2026-01-01', season: 1, number: 1, type: 'full', summary: '', explicit: false, notes: '' });
	if (!r.ok) throw new Error('episode');
	const episode = (await db().select().from(schema.episodes).where(eq(schema.episodes.id, r.id)))[0];
	return { actor: u.user.id, episode };
}
const jobsOf = async (episodeId: string) => db().select().from(schema.ingestJobs).where(eq(schema.ingestJobs.episodeId, episodeId));
const stream = (text: string) => new Blob([text]).stream() as ReadableStream<Uint8Array>;

describe('the upload path (receiveUpload → acceptAudio, as both upload routes call them)', () => {
	it('refuses playlists, concat lists and SDP files as not audio, deletes them and queues nothing', async () => {
		const { actor, episode } = await trainerEpisode('hochgeladen');
		// a sibling in the upload folder: what a relative reference (ffconcat) could reach
		const sibling = path.join(uploadDir(), 'geheim.mp3');
		fs.copyFileSync(secret, sibling);
		try {
			for (const [name, text] of hostile(secret)) {
				const received = await receiveUpload(stream(text));
				expect(received.ok, name).toBe(true);
				if (!received.ok) continue;
				expect(await acceptAudio(actor, episode, received.file, received.bytes), name).toEqual({ ok: false, reason: 'not_audio' });
				expect(fs.existsSync(received.file), name).toBe(false);
			}
		} finally {
			fs.rmSync(sibling, { force: true });
		}
		expect(await jobsOf(episode.id)).toEqual([]);
		expect((await db().select().from(schema.episodes).where(eq(schema.episodes.id, episode.id)))[0].mediaAssetId).toBeNull();
	}, 120_000);

	it('still takes real audio in every allowed container', async () => {
		const { actor, episode } = await trainerEpisode('echte-container');
		const kinds: [string, string[]][] = [
			['mp3', ['-c:a', 'libmp3lame']], ['wav', []], ['flac', []], ['ogg', ['-c:a', 'libvorbis']], ['opus', ['-c:a', 'libopus']],
			['m4a', ['-c:a', 'aac']], ['aac', ['-c:a', 'aac']], ['webm', ['-c:a', 'libopus']], ['aiff', []], ['mov', ['-c:a', 'aac']]
		];
		for (const [ext, codec] of kinds) {
			const file = path.join(dir, `ton.${ext}`);
			tone(file, 1 + kinds.findIndex((k) => k[0] === ext) / 10, codec);
			// the import's cheap look lets it through without an ffprobe of its own
			expect(looksLikeAudioContainer(fs.readFileSync(file).subarray(0, 16)), ext).toBe(true);
			const received = await receiveUpload(new Blob([new Uint8Array(fs.readFileSync(file))]).stream() as ReadableStream<Uint8Array>);
			if (!received.ok) throw new Error(received.reason);
			expect(await acceptAudio(actor, episode, received.file, received.bytes), ext).toMatchObject({ ok: true, jobId: expect.any(String) });
		}
		expect(AUDIO_FORMATS).toEqual(expect.arrayContaining(['mp3', 'wav', 'flac', 'ogg', 'mov', 'aac', 'webm']));
		// an MP3 without an ID3 tag starts with a frame header
		const bare = path.join(dir, 'ohne-id3.mp3');
		tone(bare, 1, ['-c:a', 'libmp3lame', '-id3v2_version', '0', '-write_xing', '0']);
		expect(looksLikeAudioContainer(fs.readFileSync(bare).subarray(0, 16))).toBe(true);
		// and nothing that names other files looks like audio
		for (const [name, text] of hostile(secret)) expect(looksLikeAudioContainer(Buffer.from(text).subarray(0, 16)), name).toBe(false);
	}, 120_000);
});

describe('the content import', () => {
	it('refuses a playlist named audio.mp3 (and the others) with file and line, before a job exists', async () => {
		const content = makePodcastContent();
		const folder = path.join(content, 'podcast', 'zweite-folge');
		const first = await importPodcast(content);
		expect(first.errors).toEqual([]);
		const ep = (await db().select().from(schema.episodes).where(eq(schema.episodes.slug, 'zweite-folge')))[0];
		const jobs = (await jobsOf(ep.id)).length;
		fs.copyFileSync(secret, path.join(folder, 'geheim.mp3'));
		for (const [name, text] of hostile(path.join(folder, 'geheim.mp3'))) {
			for (const f of fs.readdirSync(folder)) if (f.startsWith('audio.')) fs.rmSync(path.join(folder, f));
			fs.writeFileSync(path.join(folder, 'audio.mp3'), text);
			const report = await importPodcast(content);
			expect(report.queued, name).toEqual([]);
			expect(report.errors, name).toEqual([expect.objectContaining({ file: expect.stringContaining('zweite-folge/episode.md'), reason: expect.stringMatching(/^audio\.mp3 is not audio/) })]);
		}
		expect(await jobsOf(ep.id)).toHaveLength(jobs);
	}, 120_000);
});

describe('ffprobe and ffmpeg themselves', () => {
	it('refuse the files whatever they are called, so a job that has one fails as not audio without reading the secret', async () => {
		for (const [name, text] of hostile(secret)) {
			for (const ext of ['mp3', 'm3u8', 'upload']) {
				const file = path.join(dir, `liste.${ext}`);
				fs.writeFileSync(file, text);
				await expect(probe(file), `${name} as .${ext}`).rejects.toMatchObject({ code: 'not_audio' });
				await expect(checkSource(file, 100), `${name} as .${ext}`).rejects.toBeInstanceOf(IngestError);
			}
		}
		// the decoder on its own (as if the probe had been passed): ffmpeg refuses the playlist too
		const list = path.join(dir, 'liste.mp3');
		fs.writeFileSync(list, hostile(secret)[0][1]);
		const work = fs.mkdtempSync(path.join(dir, 'work-'));
		await expect(analyse(list, work, { durationS: 3, channels: 1, formatName: 'mp3' }, () => {})).rejects.toMatchObject({ code: 'not_audio' });
		await expect(packageAudio(list, path.join(dir, 'out'), { title: 't', artist: 'a', album: 'b', chapters: [] }, { maxMb: 100 })).rejects.toMatchObject({ code: 'not_audio' });
		expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
	}, 120_000);
});
