// Issue 13, the listener's part: one player across the site, the mini-player (close, scrub bar, reload), SVG icons,
// the episode list's play and download, the embeddable player page and the feed's stylesheet.
import { test as base, expect, type Page } from '@playwright/test';
import { expectAccessible, visit } from './helpers';
import { makePodcastContent } from '../fixtures/podcast-content';
import { startServer, type RunningServer } from '../server';

const test = base.extend<object, { podcast: RunningServer }>({
	podcast: [
		async ({}, use) => {
			const server = await startServer({ env: { CONTENT_DIR: makePodcastContent(), EMBED_ORIGINS: "'self' https://partner.example" } });
			// packaging runs in the background after start: wait until the feed lists both episodes
			const deadline = Date.now() + 150_000;
			for (;;) {
				const xml = await fetch(server.url + '/podcast/feed.xml').then((r) => (r.ok ? r.text() : ''));
				if ((xml.match(/<enclosure /g) ?? []).length === 2) break;
				if (Date.now() > deadline) throw new Error('ingest did not finish');
				await new Promise((r) => setTimeout(r, 250));
			}
			await use(server);
			await server.stop();
		},
		{ scope: 'worker', timeout: 180_000 }
	],
	baseURL: async ({ podcast }, use) => use(podcast.url)
});

test.use({ locale: 'de-DE' });

