// Media in an S3-compatible bucket (a real S3 API: s3rver on a free port): packaged renditions and covers land in
// the bucket with their Content-Type and Cache-Control, playlists last; a bucket that is down or refuses the
// credentials leaves the site up (health degraded), keeps uploads for the retry, and packaging resumes when it is back.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePodcastContent, tone } from '../../../../tests/fixtures/podcast-content';
import { setStoreEnv, startS3, type RunningS3 } from '../../../../tests/s3';
import { createUser } from '../auth/accounts';
import { config } from '../config';
import { db, schema } from '../db';
import { healthReport } from '../health';
import { importPodcast } from '../podcast/import';
import { acceptAudio } from '../studio-episodes/audio';
import { createEpisode } from '../studio-episodes/episodes';
import { receiveUpload } from '../studio-episodes/upload';
import { claimJob, runJob, startWorker } from './jobs';
import { serveMediaFile } from './serve';
import { mediaStore, storeHealth } from './store';
import { S3Store } from './store/s3';

let s3: RunningS3;
let restore: () => void;
// the test's own view of the bucket, with the right credentials whatever the site is given
let admin: S3Store;
const bucket = () => mediaStore() as S3Store;
const head = (key: string) => admin.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: key }));
const keys = async (prefix: string) => ((await admin.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!);
const jobRow = async (id: string) => (await db().select().from(schema.ingestJobs).where(eq(schema.ingestJobs.id, id)))[0];

beforeAll(async () => {
	s3 = await startS3();
	restore = setStoreEnv(s3.env);
	admin = new S3Store({ endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', accessKeyId: s3.env.S3_ACCESS_KEY_ID, secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY });
});
afterAll(async () => {
	admin.close();
	restore();
	await s3.close();
});

let n = 0;
/** A trainer's new episode with a short tone uploaded through the studio's upload path (source in .uploads). */
async function uploadedEpisode() {
	const i = n++;
	const u = await createUser({ email: `s3-${i}@example.org`, password: 'ein langes Passwort', displayName: 'Trainerin', role: 'trainer' });
	if (!u.ok) throw new Error(u.reason);
	const r = await createEpisode(u.user.id, { title: `Eimer ${i}`, slug: `eimer-${i}`, date: '2026-01-01', season: 1, number: i + 1, type: 'full', summary: '', explicit: false, notes: '' });
	if (!r.ok) throw new Error('episode');
	const wav = path.join(fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 's3-')), 'ton.wav');
	tone(wav, 2, ['-ar', String(9000 + i * 100)]);
	const received = await receiveUpload(new Blob([new Uint8Array(fs.readFileSync(wav))]).stream() as ReadableStream<Uint8Array>);
	if (!received.ok) throw new Error(received.reason);
	const episode = (await db().select().from(schema.episodes).where(eq(schema.episodes.id, r.id)))[0];
	const result = await acceptAudio(u.user.id, episode, received.file, received.bytes);
	if (!result.ok || !('jobId' in result) || !result.jobId) throw new Error('not queued');
	return { episodeId: r.id, source: received.file, jobId: result.jobId };
}

describe('packaging into a bucket', () => {
	it('uploads segments before playlists, with types and caching, the cover taken from the bucket', async () => {
		const report = await importPodcast(makePodcastContent());
		expect(report.errors).toEqual([]);
		const show = (await db().select().from(schema.podcastShow))[0];
		// the show's cover went to the bucket, not to the local folder
		expect((await head(show.imagePath)).ContentType).toBe(show.imageType);
		expect(fs.existsSync(path.join(config.mediaDir, show.imagePath))).toBe(false);

		const order: string[] = [];
		const store = bucket();
		const putFile = store.putFile.bind(store);
		store.putFile = (key, file, opts) => (order.push(key), putFile(key, file, opts));
		const job = (await claimJob())!;
		await runJob(job);
		store.putFile = putFile;
		expect(await jobRow(job.id)).toMatchObject({ status: 'done' });
		const hash = job.assetHash;
		const playlists = order.filter((k) => k.endsWith('.m3u8'));
		expect(order.at(-1)).toBe(`${hash}/master.m3u8`);
		expect(order.slice(-playlists.length)).toEqual(playlists);
		expect(order).toContain(`${hash}/episode.mp3`);
		expect((await keys(hash)).sort()).toEqual([...order].sort());

		const master = await head(`${hash}/master.m3u8`);
		expect(master.ContentType).toBe('application/vnd.apple.mpegurl');
		expect(master.CacheControl).toBe('public, max-age=60');
		const segment = await head(order.find((k) => k.endsWith('.m4s'))!);
		expect(segment.ContentType).toBe('audio/mp4');
		expect(segment.CacheControl).toBe('public, max-age=31536000, immutable');
		expect((await head(`${hash}/episode.mp3`)).ContentType).toBe('audio/mpeg');
		// nothing of the package stays in the local work folder
		expect(fs.readdirSync(config.mediaDir).filter((f) => !f.startsWith('.uploads'))).toEqual([]);

		// /media streams it from the bucket; the MP3 carries the show's cover, which ffmpeg read from the bucket
		const r = await serveMediaFile(new Request('http://x/media/', { headers: { range: 'bytes=0-2' } }), `${hash}/episode.mp3`);
		expect(r.status).toBe(206);
		expect(Buffer.from(await r.arrayBuffer()).toString()).toBe('ID3');
		const mp3 = path.join(process.env.TEST_TMP_DIR!, 'from-bucket.mp3');
		fs.writeFileSync(mp3, Buffer.from(await (await serveMediaFile(new Request('http://x/media/'), `${hash}/episode.mp3`)).arrayBuffer()));
		const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', mp3]).toString());
		expect(probe.streams.some((s: { disposition: { attached_pic: number } }) => s.disposition.attached_pic === 1)).toBe(true);
	}, 120_000);
});

describe('a bucket that is down or refuses the credentials', () => {
	it('keeps the site up, says so on /healthz, and 503s media instead of hanging', async () => {
		expect(await healthReport()).toEqual({ status: 'ok', failing: [] });
		const back = setStoreEnv({ ...s3.env, S3_ACCESS_KEY_ID: 'WRONG' });
		try {
			expect(await storeHealth(true)).toMatchObject({ ok: false });
			expect(await healthReport()).toEqual({ status: 'degraded', failing: ['media'] });
		} finally {
			back();
		}
		const closed = await import('../../../../tests/server').then((m) => m.freePort());
		const down = setStoreEnv({ ...s3.env, S3_ENDPOINT: `http://127.0.0.1:${closed}` });
		try {
			const t0 = Date.now();
			const r = await serveMediaFile(new Request('http://x/media/'), '0123456789abcdef0123456789abcdef/episode.mp3');
			expect(r.status).toBe(503);
			expect(r.headers.get('retry-after')).toBeTruthy();
			expect(Date.now() - t0).toBeLessThan(10_000);
			expect(await healthReport()).toEqual({ status: 'degraded', failing: ['media'] });
		} finally {
			down();
		}
		// a store that accepts connections and never answers (a hung proxy): 503 and degraded within seconds
		const net = await import('node:net');
		const sockets: import('node:net').Socket[] = [];
		const silent = net.createServer((s) => sockets.push(s));
		await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
		const hung = setStoreEnv({ ...s3.env, S3_ENDPOINT: `http://127.0.0.1:${(silent.address() as import('node:net').AddressInfo).port}` });
		try {
			const t0 = Date.now();
			const r = await serveMediaFile(new Request('http://x/media/'), '0123456789abcdef0123456789abcdef/episode.mp3');
			expect(r.status).toBe(503);
			expect(Date.now() - t0).toBeLessThan(15_000);
			expect(await storeHealth(true)).toMatchObject({ ok: false });
		} finally {
			hung();
			for (const s of sockets) s.destroy();
			silent.close();
		}
		expect(await storeHealth(true)).toEqual({ ok: true });
	}, 60_000);

	it('queues the job again without using up an attempt and keeps the upload for the retry', async () => {
		// finish what the import queued first
		for (let j = await claimJob(); j; j = await claimJob()) await runJob(j);
		const up = await uploadedEpisode();
		const back = setStoreEnv({ ...s3.env, S3_ACCESS_KEY_ID: 'WRONG' });
		try {
			const job = (await claimJob())!;
			expect(job.id).toBe(up.jobId);
			expect(await runJob(job)).toBe('store_unavailable');
			expect(await jobRow(up.jobId)).toMatchObject({ status: 'queued', attempts: 0 });
			expect(fs.existsSync(up.source)).toBe(true);
			expect(await keys(job.assetHash)).toEqual([]);
			expect(fs.readdirSync(config.mediaDir).filter((f) => f.startsWith('.tmp-'))).toEqual([]);
		} finally {
			back();
		}
		const job = (await claimJob())!;
		await runJob(job);
		expect(await jobRow(up.jobId)).toMatchObject({ status: 'done', attempts: 1 });
		expect(fs.existsSync(up.source)).toBe(false);
		expect(await keys(job.assetHash)).toContain(`${job.assetHash}/master.m3u8`);
	}, 60_000);

	it('makes the worker wait and retry with backoff, then package once the bucket is back', async () => {
		const back = setStoreEnv({ ...s3.env, S3_ACCESS_KEY_ID: 'WRONG' });
		const up = await uploadedEpisode();
		const worker = startWorker({ pollMs: 50, backoffMs: 100 });
		try {
			await new Promise((r) => setTimeout(r, 1500));
			// the worker did not take the job while the bucket refused it (no attempt used, source kept)
			expect(await jobRow(up.jobId)).toMatchObject({ status: 'queued', attempts: 0 });
			expect(fs.existsSync(up.source)).toBe(true);
			back();
			await Promise.race([worker.idle(), new Promise((_, no) => setTimeout(() => no(new Error('worker did not resume')), 30_000))]);
			expect(await jobRow(up.jobId)).toMatchObject({ status: 'done' });
			expect(fs.existsSync(up.source)).toBe(false);
		} finally {
			back();
			await worker.stop();
		}
	}, 60_000);
});

describe('media:migrate', () => {
	it('copies a local folder into the bucket, checks every object, leaves work folders out, and can run again', async () => {
		const dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'migrate-'));
		const H = 'fedcba9876543210fedcba9876543210';
		const put = (rel: string, body: string | Buffer) => (fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true }), fs.writeFileSync(path.join(dir, rel), body));
		put(`${H}/master.m3u8`, '#EXTM3U\n');
		put(`${H}/64k/index.m3u8`, '#EXTM3U\n#EXT-X-ENDLIST\n');
		put(`${H}/64k/seg_0000.m4s`, Buffer.alloc(5000, 7));
		put(`${H}/episode.mp3`, Buffer.alloc(3000, 1));
		put(`${H}/cover.png`, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
		put('.uploads/half.wav', 'not yet');
		put(`${H}/notes.txt`, 'unknown type');
		const { migrateFolder } = await import('./store/migrate');
		const first = await migrateFolder(dir, admin);
		expect(first.failed).toEqual([]);
		expect(first.skipped.sort()).toEqual(['.uploads/half.wav', `${H}/notes.txt`]);
		expect(first.copied).toHaveLength(5);
		expect(first.copied.at(-1)).toBe(`${H}/master.m3u8`);
		expect((await head(`${H}/64k/seg_0000.m4s`)).CacheControl).toBe('public, max-age=31536000, immutable');
		expect((await head(`${H}/cover.png`)).ContentType).toBe('image/png');
		expect(await keys('.uploads')).toEqual([]);
		// run again: nothing copied; a changed object in the bucket is found by its bytes and copied again
		await admin.put(`${H}/episode.mp3`, Buffer.alloc(3000, 2));
		const second = await migrateFolder(dir, admin);
		expect(second.copied).toEqual([`${H}/episode.mp3`]);
		expect(second.unchanged).toHaveLength(4);
	});
});
