// Studio episodes against the real DB and real ffmpeg: drafts and scheduled episodes stay hidden from
// listeners, audit entries are written, a bad upload leaves the live audio in place.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tone } from '../../../../tests/fixtures/podcast-content';
import { createUser } from '../auth/accounts';
import { db, schema } from '../db';
import { claimJob, runJob } from '../media/jobs';
import { getEpisode, listEpisodes } from '../podcast/episodes';
import { buildFeed } from '../podcast/feed';
import { write } from '../db';
import { acceptAudio, retryIngest } from './audio';
import { setCover } from './cover';
import { config } from '../config';
import { createEpisode, episodeState, getStudioEpisode, publishEpisode, unpublishEpisode, type EpisodeMeta } from './episodes';

const meta = (slug: string): EpisodeMeta => ({ title: `Folge ${slug}`, slug, date: '2026-01-01', season: 1, number: 7, type: 'full', summary: 'Demo', explicit: false, notes: '# Notizen\n\n<script>alert(1)</script>\n\n*kursiv*' });
let n = 0;
async function trainerId() {
	const r = await createUser({ email: `studioep-${n++}@example.org`, password: 'ein langes Passwort', displayName: 'Trainerin', role: 'trainer' });
	if (!r.ok) throw new Error(r.reason);
	return r.user.id;
}
const tmp = () => fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'studioep-'));
const actions = async (actor: string) => (await db().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, actor))).map((a) => a.action);
const visible = async (slug: string) => ({ page: !!(await getEpisode(slug)), list: (await listEpisodes()).some((e) => e.slug === slug) });

describe('publishing', () => {
	it('drafts and scheduled episodes are hidden until due; unpublish hides again; all audited', async () => {
		const trainer = { id: await trainerId() };
		const r = await createEpisode(trainer.id, meta('geplant'));
		expect(r.ok).toBe(true);
		const id = (r as { id: string }).id;
		expect((await createEpisode(trainer.id, meta('geplant'))).ok).toBe(false);
		const row = (await getStudioEpisode('geplant'))!;
		expect(row.state).toBe('draft');
		expect(row.episode.notesHtml).toContain('<em>kursiv</em>');
		expect(row.episode.notesHtml).not.toContain('<script');
		expect(await visible('geplant')).toEqual({ page: false, list: false });

		await publishEpisode(trainer.id, id, Date.now() + 60_000);
		expect((await getStudioEpisode('geplant'))!.state).toBe('scheduled');
		expect(await visible('geplant')).toEqual({ page: false, list: false });
		expect(episodeState({ status: 'published', publishedAt: Date.now() + 60_000 }, Date.now() + 120_000)).toBe('published');

		await publishEpisode(trainer.id, id, Date.now() - 1000);
		expect(await visible('geplant')).toEqual({ page: true, list: true });

		await unpublishEpisode(trainer.id, id);
		expect(await visible('geplant')).toEqual({ page: false, list: false });
		expect(await actions(trainer.id)).toEqual(['studio.episode.create', 'studio.episode.publish', 'studio.episode.publish', 'studio.episode.unpublish']);
	});
});

describe('audio', () => {
	it('packages real audio; a non-audio upload is refused and deleted, the live audio stays', async () => {
		const trainer = { id: await trainerId() };
		const { id } = (await createEpisode(trainer.id, meta('mit-ton'))) as { id: string };
		const dir = tmp();
		const wav = path.join(dir, 'a.upload');
		tone(wav, 3, ['-f', 'wav']);
		const ep = async () => (await db().select().from(schema.episodes).where(eq(schema.episodes.id, id)))[0];
		const ok = await acceptAudio(trainer.id, await ep(), wav, fs.statSync(wav).size);
		expect(ok).toMatchObject({ ok: true, jobId: expect.any(String) });
		const job = (await claimJob())!;
		await runJob(job);
		const live = (await ep()).mediaAssetId;
		expect(live).toBeTruthy();

		const bad = path.join(dir, 'b.upload');
		fs.writeFileSync(bad, 'das ist kein Audio, nur Text\n'.repeat(100));
		expect(await acceptAudio(trainer.id, await ep(), bad, 2900)).toEqual({ ok: false, reason: 'not_audio' });
		expect(fs.existsSync(bad)).toBe(false);
		expect((await ep()).mediaAssetId).toBe(live);
		expect(await actions(trainer.id)).toEqual(['studio.episode.create', 'studio.episode.upload']);

		// a retry queues the same source again
		const again = await retryIngest(trainer.id, id);
		expect(again).toMatchObject({ ok: true, jobId: expect.any(String) });
		await runJob((await claimJob())!);
		expect((await ep()).mediaAssetId).toBe(live);
	}, 60_000);
});

describe('the feed', () => {
	it('lists a scheduled episode only once it is due', async () => {
		const trainer = { id: await trainerId() };
		const now = Date.now();
		await write(async (tx) => {
			await tx.insert(schema.podcastShow).values({ id: 'show', title: 'Testshow', description: 'Demo', author: 'A', ownerName: 'A', ownerEmail: 'a@example.org', category: 'Education', imagePath: 'x/cover.png', imageType: 'image/png', contentHash: 'x', updatedAt: now }).onConflictDoNothing();
			await tx.insert(schema.mediaAssets).values({ id: 'asset-feed', hash: 'feedhash', sourceHash: 's', durationMs: 3000, mp3Bytes: 100, hlsBytes: 100, sourceBytes: 100, createdAt: now });
		});
		const { id } = (await createEpisode(trainer.id, meta('im-feed'))) as { id: string };
		await write((tx) => tx.update(schema.episodes).set({ mediaAssetId: 'asset-feed' }).where(eq(schema.episodes.id, id)));
		const inFeed = async () => ((await buildFeed('http://localhost'))?.xml ?? '').includes('/podcast/im-feed');
		await publishEpisode(trainer.id, id, Date.now() + 60_000);
		expect(await inFeed()).toBe(false);
		await publishEpisode(trainer.id, id, Date.now() - 1);
		expect(await inFeed()).toBe(true);
	});
});

describe('cover', () => {
	it('stores a PNG under a server-chosen name, refuses anything else, and the player uses it', async () => {
		const trainer = { id: await trainerId() };
		const { id } = (await createEpisode(trainer.id, meta('mit-bild'))) as { id: string };
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
		expect(await setCover(trainer.id, id, new TextEncoder().encode('<svg onload=alert(1)>'))).toEqual({ ok: false, reason: 'not_image' });
		expect(await setCover(trainer.id, id, png)).toEqual({ ok: true });
		const ep = (await getStudioEpisode('mit-bild'))!.episode;
		expect(ep.imagePath).toMatch(/^[0-9a-f]{32}\/cover\.png$/);
		expect(fs.readFileSync(path.join(config.mediaDir, ep.imagePath!))).toEqual(Buffer.from(png));
	});
});
