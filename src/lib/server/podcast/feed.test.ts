// The feed as podcast apps see it: feedparser (no bozo), gPodder's gpo (subscribe, list, download) and Apple's rules.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePodcastContent } from '../../../../tests/fixtures/podcast-content';
import { claimJob, runJob } from '../media/jobs';
import { serveMediaFile } from '../media/serve';
import { eq } from 'drizzle-orm';
import { config } from '../config';
import { schema, write } from '../db';
import { buildFeed, podcastGuid, uuidV5, xmlEscape } from './feed';
import { importPodcast } from './import';

let server: http.Server;
let origin: string;
let xml: string;
const tmp = () => fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'feed-'));

// a tiny HTTP front for the feed and /media, using the same functions as the SvelteKit routes
function serve(req: http.IncomingMessage, res: http.ServerResponse) {
	void (async () => {
		const url = new URL(req.url!, origin);
		let response: Response;
		if (url.pathname === '/podcast/feed.xml') {
			const feed = (await buildFeed(origin))!;
			response = new Response(feed.xml, { headers: { 'content-type': 'application/rss+xml; charset=utf-8', etag: feed.etag } });
		} else if (url.pathname.startsWith('/media/')) {
			response = await serveMediaFile(new Request(url, { method: req.method, headers: req.headers as Record<string, string> }), decodeURIComponent(url.pathname.slice(7)));
		} else response = new Response('not found', { status: 404 });
		res.writeHead(response.status, Object.fromEntries(response.headers));
		res.end(Buffer.from(await response.arrayBuffer()));
	})();
}

interface Parsed {
	bozo: number | boolean;
	bozo_exception: string;
	feed: Record<string, unknown>;
	entries: Record<string, unknown>[];
	namespaces: Record<string, string>;
}
function feedparser(text: string): Parsed {
	const file = path.join(tmp(), 'feed.xml');
	fs.writeFileSync(file, text);
	const py = `import feedparser, json, sys\nd = feedparser.parse(sys.argv[1])\nprint(json.dumps({"bozo": d.bozo, "bozo_exception": str(d.get("bozo_exception")), "feed": d.feed, "entries": d.entries, "namespaces": d.namespaces}, default=str))`;
	// Debian's python3 (python3-feedparser), not whatever python3 comes first on PATH
	return JSON.parse(execFileSync(fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3', ['-c', py, file]).toString());
}

beforeAll(async () => {
	const content = makePodcastContent();
	await importPodcast(content);
	for (let job = await claimJob(); job; job = await claimJob()) await runJob(job);
	server = http.createServer(serve);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	xml = (await buildFeed(origin))!.xml;
}, 120_000);

afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('podcast feed', () => {
	it('parses without errors in feedparser, escaping &, <, quotes and emoji exactly', () => {
		const d = feedparser(xml);
		expect(Boolean(d.bozo), String(d.bozo_exception)).toBe(false);
		expect(d.feed.title).toBe('Mitsprache – Test & <Probe> "Podcast" 🎙');
		expect(d.entries.map((e) => e.title)).toEqual(['Zweite Folge', 'Erste Folge: Anträge & <Ausschüsse> 🎙']);
		expect(Object.values(d.namespaces)).toEqual(expect.arrayContaining(['http://www.itunes.com/dtds/podcast-1.0.dtd', 'https://podcastindex.org/namespace/1.0', 'http://podlove.org/simple-chapters']));
	});

	it("follows Apple's rules for the channel and every item", async () => {
		expect(xml).toContain('xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"');
		expect(xml).toContain('xmlns:podcast="https://podcastindex.org/namespace/1.0"');
		const channel = xml.slice(0, xml.indexOf('<item>'));
		for (const tag of ['<title>', '<description>', '<language>de</language>', '<itunes:explicit>false</itunes:explicit>', '<itunes:author>', '<itunes:owner>', '<link>', '<itunes:type>episodic</itunes:type>']) {
			expect(channel).toContain(tag);
		}
		expect(channel).toMatch(/<itunes:category text="Government"><itunes:category text="Local"\/><\/itunes:category>/);
		expect(channel).toContain(`<atom:link href="${origin}/podcast/feed.xml" rel="self" type="application/rss+xml"/>`);
		expect(channel).toContain(`<podcast:guid>${podcastGuid(`${origin}/podcast/feed.xml`)}</podcast:guid>`);
		// the cover answers HEAD and is a 1400–3000 px square PNG/JPEG
		const image = /<itunes:image href="([^"]+)"\/>/.exec(channel)![1];
		const head = await fetch(image, { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-type')).toMatch(/^image\/(png|jpeg)$/);
		const items = xml.split('<item>').slice(1);
		expect(items).toHaveLength(2);
		for (const item of items) {
			const enc = /<enclosure url="([^"]+)" length="(\d+)" type="audio\/mpeg"\/>/.exec(item)!;
			const res = await fetch(enc[1].replace(/&amp;/g, '&'), { method: 'HEAD' });
			expect(res.status).toBe(200);
			expect(res.headers.get('content-length')).toBe(enc[2]);
			expect(res.headers.get('accept-ranges')).toBe('bytes');
			expect(item).toMatch(/<guid isPermaLink="false">[0-9a-f-]{36}<\/guid>/);
			const pub = /<pubDate>([^<]+)<\/pubDate>/.exec(item)![1];
			expect(pub).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/);
			expect(item).toMatch(/<itunes:duration>\d+<\/itunes:duration>/);
			expect(item).toMatch(/<itunes:episode>\d+<\/itunes:episode>/);
			expect(item).toMatch(/<itunes:season>\d+<\/itunes:season>/);
			expect(item).toMatch(/<itunes:episodeType>(full|trailer|bonus)<\/itunes:episodeType>/);
			expect(item).toMatch(/<description>.+<\/description>/s);
			expect(item).toMatch(/<podcast:chapters url="[^"]+\/chapters\.json" type="application\/json\+chapters"\/>/);
		}
		expect(items[1]).toContain('<podcast:transcript url="' + origin + '/podcast/erste-folge/transcript.vtt" type="text/vtt" language="de"/>');
		expect(items[1]).toContain('<podcast:person role="guest">Amina Beispiel</podcast:person>');
		expect(items[1]).toContain('<psc:chapter start="00:00:08.000" title="Anträge im Ausschuss"/>');
	});

	it('gPodder subscribes, lists the episodes and downloads one', async () => {
		const home = tmp();
		const env = { ...process.env, GPODDER_HOME: home, GPODDER_DOWNLOAD_DIR: path.join(home, 'downloads') };
		// asynchronous: the feed is served from this very process
		const gpo = async (...args: string[]) => (await promisify(execFile)('gpo', args, { env, timeout: 60_000 })).stdout;
		const feedUrl = `${origin}/podcast/feed.xml`;
		await gpo('subscribe', feedUrl);
		expect(await gpo('list')).toContain(feedUrl);
		const episodes = await gpo('episodes', '--guid', feedUrl);
		expect(episodes).toContain('Zweite Folge');
		expect(episodes).toContain('Erste Folge: Anträge & <Ausschüsse> 🎙');
		const guid = /Zweite Folge[\s\S]*?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(episodes)?.[1] ?? /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(episodes)![1];
		await gpo('download', feedUrl, guid);
		const files: string[] = [];
		const walk = (d: string) => fs.readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : files.push(path.join(d, e.name))));
		walk(home);
		const mp3 = files.filter((f) => f.endsWith('.mp3'));
		expect(mp3).toHaveLength(1);
		expect(fs.readFileSync(mp3[0]).subarray(0, 3).toString()).toBe('ID3');
	});

	it('makes the Podcasting 2.0 guid as specified (UUIDv5 of the URL without scheme)', () => {
		// example from the podcast namespace documentation
		expect(uuidV5('podnews.net/rss')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
		expect(podcastGuid('https://podnews.net/rss/')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
	});

	it('escapes text for XML and drops characters XML cannot carry', () => {
		expect(xmlEscape(`a & b < c > "d" 'e' \u0007🎙`)).toBe('a &amp; b &lt; c &gt; &quot;d&quot; &apos;e&apos; 🎙');
	});

	it("gives an episode with its own (studio) cover that cover as its itunes:image; the others carry the show's", async () => {
		const dir = path.join(config.mediaDir, 'feedcover0123456789abcdef0123456');
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'cover.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
		await write((tx) => tx.update(schema.episodes).set({ imagePath: 'feedcover0123456789abcdef0123456/cover.png' }).where(eq(schema.episodes.slug, 'zweite-folge')));
		const fresh = (await buildFeed(origin))!.xml;
		const showImage = /<itunes:image href="([^"]+)"\/>/.exec(fresh.slice(0, fresh.indexOf('<item>')))![1];
		const itemImage = (title: string) => /<itunes:image href="([^"]+)"\/>/.exec(fresh.split('<item>').find((i) => i.includes(title))!)![1];
		expect(itemImage('Zweite Folge')).toBe(`${origin}/media/feedcover0123456789abcdef0123456/cover.png`);
		expect(itemImage('Erste Folge')).toBe(showImage);
		const head = await fetch(itemImage('Zweite Folge'), { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-type')).toBe('image/png');
		// podcast apps read it: feedparser puts it on the entry
		const d = feedparser(fresh);
		expect(Boolean(d.bozo), String(d.bozo_exception)).toBe(false);
		expect(d.entries.map((e) => (e.image as { href: string }).href)).toEqual([itemImage('Zweite Folge'), showImage]);
	});
});
