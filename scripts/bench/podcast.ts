// Podcast figures: ingest speed of a 30-minute episode, time to first audio with hls.js in Chromium, JavaScript on
// an episode page before play, and position heartbeats at 200 concurrent listeners.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../../tests/chromium';
import { makePodcastContent } from '../../tests/fixtures/podcast-content';
import { startServer } from '../../tests/server';
import { fmtLoad, type BenchContext, type BenchRow } from './lib';

const EPISODE_S = Number(process.env.BENCH_EPISODE_SECONDS || 1800);

async function ingestSpeed(): Promise<BenchRow[]> {
	const { packageAudio } = await import('../../src/lib/server/media/package-audio');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitsprache-bench-ingest-'));
	try {
		// 30 minutes of German speech: one espeak-ng paragraph, looped, as 48 kHz mono Opus (the demo episodes' format)
		const clip = path.join(dir, 'clip.wav');
		execFileSync('espeak-ng', ['-v', 'de', '-w', clip, 'Willkommen beim Podcast Mitsprache. Heute sprechen wir über Beiräte in Halle und Leipzig, über Anträge und die Arbeit in den Ausschüssen.']);
		const source = path.join(dir, 'episode.opus');
		execFileSync('ffmpeg', ['-v', 'error', '-y', '-stream_loop', '-1', '-i', clip, '-t', String(EPISODE_S), '-ar', '48000', '-c:a', 'libopus', '-b:a', '32k', '-application', 'voip', source]);
		const chapters = Array.from({ length: 10 }, (_, i) => ({ start: (i * EPISODE_S) / 10, title: `Kapitel ${i + 1}` }));
		const started = performance.now();
		const r = await packageAudio(source, path.join(dir, 'out'), { title: 'Bench', artist: 'Mitsprache', album: 'Mitsprache', chapters }, { maxMb: 500 });
		const wall = (performance.now() - started) / 1000;
		const speed = r.durationMs / 1000 / wall;
		return [
			{ name: `ingest ${EPISODE_S / 60}-min Opus episode (HLS 2 renditions + MP3 + peaks)`, value: `${wall.toFixed(1)} s wall (analysis ${(r.timing.analysisMs / 1000).toFixed(1)} s, encode ${(r.timing.encodeMs / 1000).toFixed(1)} s)`, ratio: `${speed.toFixed(0)}× real time`, aim: { key: 'ingest', now: `${speed.toFixed(0)}×`, met: speed >= 100 } }
		];
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function browserFigures(): Promise<BenchRow[]> {
	const server = await startServer({ env: { CONTENT_DIR: makePodcastContent(), LOG_LEVEL: 'silent' }, quiet: true });
	const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--disable-gpu'] });
	try {
		for (const deadline = Date.now() + 60_000; ; ) {
			const xml = await fetch(server.url + '/podcast/feed.xml').then((r) => (r.ok ? r.text() : ''));
			if (xml.includes('erste-folge/episode.mp3') || (xml.match(/<enclosure /g) ?? []).length === 2) break;
			if (Date.now() > deadline) throw new Error('ingest did not finish');
			await new Promise((r) => setTimeout(r, 250));
		}
		const times: number[] = [];
		let jsGzip = 0;
		let jsFiles = 0;
		for (let run = 0; run < 6; run++) {
			// a fresh context each time: the first run is cold (hls.js not cached), later runs are warm
			const context = await browser.newContext();
			const page = await context.newPage();
			await page.addInitScript(() => {
				const orig = HTMLMediaElement.prototype.canPlayType;
				HTMLMediaElement.prototype.canPlayType = function (t: string) {
					return /mpegurl/i.test(t) ? '' : orig.call(this, t);
				};
			});
			const scripts: Promise<Buffer>[] = [];
			page.on('response', (r) => {
				if (r.request().resourceType() === 'script') scripts.push(r.body().catch(() => Buffer.alloc(0)));
			});
			await page.goto(server.url + '/podcast/erste-folge', { waitUntil: 'networkidle' });
			if (run === 0) {
				const bodies = await Promise.all(scripts);
				jsFiles = bodies.length;
				jsGzip = bodies.reduce((a, b) => a + zlib.gzipSync(b, { level: 9 }).length, 0);
			}
			const ms: number = await page.evaluate(
					// a string: tsx would wrap the named helper in a __name() call the page does not have
					`new Promise((resolve) => {
						// the one shared audio element is made by the player, which loads on the first press of play
						const button = [...document.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === 'Abspielen' || b.getAttribute('aria-label') === 'Play');
						const t0 = performance.now();
						button.click();
						const attach = () => {
							const audio = document.querySelector('audio');
							if (!audio) return void setTimeout(attach, 1);
							if (!audio.paused && audio.currentTime > 0) return resolve(performance.now() - t0);
							audio.addEventListener('playing', () => resolve(performance.now() - t0), { once: true });
						};
						attach();
					})`
			);
			times.push(ms);
			await context.close();
		}
		const warm = times.slice(1).sort((a, b) => a - b);
		return [
			{ name: 'time to first audio, hls.js, cold (press play → playing)', value: `${Math.round(times[0])} ms`, ratio: 'budget ≤ 500 ms' },
			{ name: 'time to first audio, hls.js, warm (median of 5)', value: `${Math.round(warm[Math.floor(warm.length / 2)])} ms`, ratio: 'budget ≤ 500 ms' },
			{ name: 'JavaScript on episode page before play (gzip)', value: `${(jsGzip / 1024).toFixed(1)} KB in ${jsFiles} files`, ratio: 'aim ≤ 30 KB', aim: { key: 'jsEpisode', now: `${(jsGzip / 1024).toFixed(1)} KB`, met: jsGzip <= 30 * 1024 } }
		];
	} finally {
		await browser.close();
		await server.stop();
	}
}

async function heartbeats(ctx: BenchContext): Promise<BenchRow[]> {
	// one packaged episode in the bench server's database (rows only: heartbeats never touch the files)
	const { write, schema } = await import('../../src/lib/server/db');
	const { newId } = await import('../../src/lib/server/ids');
	const slug = `bench-${newId().slice(0, 6)}`;
	await write(async (tx) => {
		const assetId = newId();
		await tx.insert(schema.mediaAssets).values({ id: assetId, hash: newId(), sourceHash: 'bench', durationMs: 1_800_000, mp3Bytes: 1, hlsBytes: 1, sourceBytes: 1, createdAt: Date.now() });
		await tx.insert(schema.episodes).values({ id: newId(), slug, guid: crypto.randomUUID(), title: 'Bench', date: '2025-01-01', publishedAt: 0, number: 999, contentHash: 'bench', mediaAssetId: assetId, createdAt: Date.now(), updatedAt: Date.now() });
	});
	const learners = await Promise.all(Array.from({ length: 40 }, () => ctx.newLearner()));
	let n = 0;
	const r = await ctx.load({
		url: ctx.url + '/api/listening',
		connections: 200,
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: ctx.url },
		requests: [
			{
				method: 'POST',
				setupRequest: (req) => {
					const i = n++;
					return { ...req, headers: { ...req.headers, cookie: learners[i % learners.length].cookie }, body: JSON.stringify({ episode: slug, position: (i % 1700) + 1, at: Date.now() * 1000 + i }) };
				}
			}
		]
	});
	return [{ name: 'position heartbeats, 200 concurrent listeners (POST /api/listening)', value: fmtLoad(r), ratio: r.errors + r.non2xx === 0 ? 'zero errors' : `${r.errors + r.non2xx} failed` }];
}

export default async function podcast(ctx: BenchContext): Promise<BenchRow[]> {
	return [...(await ingestSpeed()), ...(await browserFigures()), ...(await heartbeats(ctx))];
}
