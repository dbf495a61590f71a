// One-click subscribe links for common podcast apps: each app's documented URL scheme or web deeplink, built from
// the feed's address. Shared by the podcast page and the feed's stylesheet (feed.xsl).

export interface SubscribeLink {
	app: string;
	href: string;
}

export function subscribeLinks(feedUrl: string): SubscribeLink[] {
	const bare = feedUrl.replace(/^https?:\/\//i, '');
	const q = encodeURIComponent(feedUrl);
	return [
		// Apple Podcasts (iPhone, iPad, Mac) opens podcast:// feed addresses
		{ app: 'Apple Podcasts', href: `podcast://${bare}` },
		// a web page that opens the app, or offers it when it is not installed
		{ app: 'AntennaPod', href: `https://antennapod.org/deeplink/subscribe?url=${q}` },
		{ app: 'Pocket Casts', href: `pktc://subscribe/${bare}` },
		{ app: 'Overcast', href: `overcast://x-callback-url/add?url=${q}` },
		{ app: 'Podcast Addict', href: `podcastaddict://${bare}` }
	];
}
