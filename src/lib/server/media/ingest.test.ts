// Import + ingest end to end with real ffmpeg: generated speech is packaged and every output checked with ffprobe.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePodcastContent, tone } from '../../../../tests/fixtures/podcast-content';
import { config } from '../config';
import { db, schema, write } from '../db';
import { importPodcast } from '../podcast/import';
import { parseMediaPlaylist } from './hls';
import { claimJob, getJobStatus, requeueStale, runJob, watchJob } from './jobs';
import { packageAudio } from './package-audio';

let content: string;
const pod = () => path.join(content, 'podcast');

async function drain() {
	for (let job = await claimJob(); job; job = await claimJob()) await runJob(job);
}
const episode = async (slug: string) => (await db().select().from(schema.episodes).where(eq(schema.episodes.slug, slug)))[0];
const jobsOf = async (id: string) => db().select().from(schema.ingestJobs).where(eq(schema.ingestJobs.episodeId, id)).orderBy(schema.ingestJobs.createdAt);
const probeJson = (file: string, extra: string[] = []) =>
	JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', ...extra, file]).toString());

beforeAll(async () => {
	content = makePodcastContent();
	const report = await importPodcast(content);
	expect(report.errors).toEqual([]);
	expect(report.imported).toBe(3);
	expect(report.queued).toHaveLength(2);
	await drain();
}, 120_000);

describe('ingest of generated speech', () => {
	it('packages HLS renditions that are complete, aligned and AAC-LC 48 kHz', async () => {
		const ep = await episode('erste-folge');
		const asset = (await db().select().from(schema.mediaAssets).where(eq(schema.mediaAssets.id, ep.mediaAssetId!)))[0];
		expect(asset.durationMs).toBeGreaterThan(21_500);
		expect(asset.durationMs).toBeLessThan(22_500);
		const dir = path.join(config.mediaDir, asset.hash);
		const master = fs.readFileSync(path.join(dir, 'master.m3u8'), 'utf8');
		const variants = [...master.matchAll(/#EXT-X-STREAM-INF:BANDWIDTH=(\d+),AVERAGE-BANDWIDTH=(\d+),CODECS="mp4a\.40\.2"\n(\S+)/g)];
		expect(variants.map((v) => v[3])).toEqual(['64k/index.m3u8', '128k/index.m3u8']);
		const lists = variants.map((v) => parseMediaPlaylist(fs.readFileSync(path.join(dir, v[3]), 'utf8')));
		for (const [i, pl] of lists.entries()) {
			expect(pl.ended).toBe(true);
			expect(pl.map).toBe('init.mp4');
			for (const s of pl.segments) expect(Math.round(s.duration)).toBeLessThanOrEqual(pl.targetDuration);
			expect(pl.targetDuration).toBe(6);
			const total = pl.segments.reduce((a, s) => a + s.duration, 0);
			expect(Math.abs(total - asset.durationMs / 1000)).toBeLessThan(0.2);
			// peak BANDWIDTH is at least the average, and near the nominal bit rate
			expect(Number(variants[i][1])).toBeGreaterThanOrEqual(Number(variants[i][2]));
			const streams = probeJson(path.join(dir, variants[i][3])).streams;
			expect(streams[0]).toMatchObject({ codec_name: 'aac', profile: 'LC', sample_rate: '48000', channels: i === 0 ? 1 : 2 });
		}
		// segment-aligned renditions: the same cut points
		expect(lists[0].segments.map((s) => s.duration)).toEqual(lists[1].segments.map((s) => s.duration));
		expect(JSON.parse(asset.peaks)).toHaveLength(1000);
		expect(asset.mp3Bytes).toBe(fs.statSync(path.join(dir, 'episode.mp3')).size);
	});

	it('writes a CBR MP3 with ID3 tags, cover, chapters, normalised to about -16 LUFS', async () => {
		const ep = await episode('erste-folge');
		const asset = (await db().select().from(schema.mediaAssets).where(eq(schema.mediaAssets.id, ep.mediaAssetId!)))[0];
		const mp3 = path.join(config.mediaDir, asset.hash, 'episode.mp3');
		const info = probeJson(mp3, ['-show_chapters']);
		expect(info.format.tags.title).toBe(ep.title);
		expect(info.format.tags.artist).toBe('Mitsprache-Testredaktion');
		expect(info.streams.find((s: { codec_type: string }) => s.codec_type === 'video').disposition.attached_pic).toBe(1);
		expect(info.chapters.map((c: { tags: { title: string } }) => c.tags.title)).toEqual(['Begrüßung', 'Anträge im Ausschuss', 'Zum Schluss']);
		expect(fs.readFileSync(mp3).subarray(0, 3).toString()).toBe('ID3');
		const log = execFileSync('sh', ['-c', `ffmpeg -hide_banner -nostats -i '${mp3}' -af ebur128=framelog=verbose -f null - 2>&1`]).toString();
		const lufs = Number([...log.matchAll(/I:\s+(-?[\d.]+) LUFS/g)].pop()![1]);
		expect(lufs).toBeGreaterThan(-17.5);
		expect(lufs).toBeLessThan(-14.5);
	});

	it('re-importing unchanged content does nothing', async () => {
		const report = await importPodcast(content);
		expect(report).toMatchObject({ imported: 0, unchanged: 3, queued: [], errors: [] });
	});

	it('new audio with the same bytes as a built package links it without a job', async () => {
		const ep = await episode('erste-folge');
		await write((tx) => tx.update(schema.episodes).set({ contentHash: 'x' }).where(eq(schema.episodes.id, ep.id)));
		const report = await importPodcast(content);
		expect(report.queued).toEqual([]);
		expect((await episode('erste-folge')).mediaAssetId).toBe(ep.mediaAssetId);
	});
});

describe('bad input fails the job and keeps the previous audio live', () => {
	const cases: [string, (file: string) => void, RegExp][] = [
		['empty', (f) => fs.writeFileSync(f, ''), /^empty/],
		['truncated', (f) => {
			tone(f + '.full.wav', 20);
			const full = fs.readFileSync(f + '.full.wav');
			fs.writeFileSync(f, full.subarray(0, Math.floor(full.length / 3)));
		}, /^truncated/],
		['over MAX_UPLOAD_MB', (f) => {
			tone(f + '.big.wav', 20);
			fs.copyFileSync(f + '.big.wav', f);
			process.env.MAX_UPLOAD_MB = '0.1';
		}, /^too_large/]
	];
	for (const [name, make, reason] of cases) {
		it(name, async () => {
			const before = await episode('zweite-folge');
			expect(before.mediaAssetId).toBeTruthy();
			const folder = path.join(pod(), 'zweite-folge');
			for (const f of fs.readdirSync(folder)) if (f.startsWith('audio.')) fs.rmSync(path.join(folder, f));
			make(path.join(folder, 'audio.wav'));
			for (const f of fs.readdirSync(folder)) if (f.includes('.wav.')) fs.renameSync(path.join(folder, f), path.join(path.dirname(folder), f));
			try {
				const report = await importPodcast(content);
				expect(report.queued).toHaveLength(1);
				await drain();
			} finally {
				delete process.env.MAX_UPLOAD_MB;
			}
			const jobs = await jobsOf(before.id);
			const last = jobs[jobs.length - 1];
			expect(last.status).toBe('failed');
			expect(last.reason).toMatch(reason);
			expect((await episode('zweite-folge')).mediaAssetId).toBe(before.mediaAssetId);
		});
	}
});

describe('a file that is not audio is refused by the import, before a job exists', () => {
	it('names the file, queues nothing and keeps the previous audio live', async () => {
		const before = await episode('zweite-folge');
		const jobs = (await jobsOf(before.id)).length;
		const folder = path.join(pod(), 'zweite-folge');
		for (const f of fs.readdirSync(folder)) if (f.startsWith('audio.')) fs.rmSync(path.join(folder, f));
		fs.writeFileSync(path.join(folder, 'audio.wav'), 'Das ist keine Audiodatei, nur Text.\n'.repeat(50));
		const report = await importPodcast(content);
		expect(report.queued).toEqual([]);
		expect(report.errors).toEqual([expect.objectContaining({ file: expect.stringContaining('zweite-folge/episode.md'), reason: expect.stringMatching(/^audio\.wav is not audio/) })]);
		expect(await jobsOf(before.id)).toHaveLength(jobs);
		expect((await episode('zweite-folge')).mediaAssetId).toBe(before.mediaAssetId);
	});
});

describe('jobs', () => {
	it('a running job whose claim went stale is queued again', async () => {
		const ep = await episode('erste-folge');
		await write((tx) =>
			tx.insert(schema.ingestJobs).values({ id: 'stale-job', episodeId: ep.id, sourcePath: '/nowhere', assetHash: 'h', status: 'running', claimedBy: 'dead', claimedAt: Date.now() - 600_000, attempts: 1, createdAt: Date.now() })
		);
		expect(await requeueStale()).toBe(1);
		const row = (await db().select().from(schema.ingestJobs).where(eq(schema.ingestJobs.id, 'stale-job')))[0];
		expect(row).toMatchObject({ status: 'queued', claimedBy: null });
		const claimed = await claimJob('me');
		expect(claimed?.id).toBe('stale-job');
		await runJob(claimed!);
		expect((await db().select().from(schema.ingestJobs).where(eq(schema.ingestJobs.id, 'stale-job')))[0].reason).toMatch(/^missing/);
	});
});

describe('progress', () => {
	it('reports rising percentages from ffmpeg -progress, ending at 100', async () => {
		const seen: number[] = [];
		const out = path.join(process.env.TEST_TMP_DIR!, 'progress-out');
		await packageAudio(path.join(pod(), 'erste-folge', 'audio.opus'), out, { title: 't', artist: 'a', album: 'b', chapters: [] }, { maxMb: 100, onProgress: (p) => seen.push(p) });
		expect(seen.length).toBeGreaterThan(2);
		expect([...seen].sort((a, b) => a - b)).toEqual(seen);
		expect(seen[seen.length - 1]).toBe(100);
	});

	it('exposes job status for the studio, as a value and as a stream of changes', async () => {
		const ep = await episode('erste-folge');
		const [job] = await jobsOf(ep.id);
		expect(await getJobStatus(job.id)).toMatchObject({ id: job.id, status: 'done', percent: 100 });
		const updates = [];
		for await (const s of watchJob(job.id, 10)) updates.push(s.status);
		expect(updates).toEqual(['done']);
	});
});
