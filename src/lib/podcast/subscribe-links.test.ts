import { describe, expect, it } from 'vitest';
import { subscribeLinks } from './subscribe-links';

describe('subscribeLinks', () => {
	it("builds each app's link from the feed address", () => {
		const links = Object.fromEntries(subscribeLinks('https://mitsprache.example/podcast/feed.xml').map((l) => [l.app, l.href]));
		expect(links['Apple Podcasts']).toBe('podcast://mitsprache.example/podcast/feed.xml');
		expect(links['AntennaPod']).toBe('https://antennapod.org/deeplink/subscribe?url=https%3A%2F%2Fmitsprache.example%2Fpodcast%2Ffeed.xml');
		expect(links['Pocket Casts']).toBe('pktc://subscribe/mitsprache.example/podcast/feed.xml');
		expect(links['Overcast']).toBe('overcast://x-callback-url/add?url=https%3A%2F%2Fmitsprache.example%2Fpodcast%2Ffeed.xml');
	});
});
