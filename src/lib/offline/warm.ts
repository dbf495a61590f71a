// The code offline pages load on demand (sending progress later, the outbox's status, the player's machinery, the
// stored list on /me, the quiz), fetched once while there is a connection: the service worker keeps what passes through it,
// so a page read offline still finds them. Loaded with the saving code only.
export async function warmOfflineCode(): Promise<void> {
	await Promise.allSettled([
		import('./queue-progress'),
		import('$lib/components/courses/Quiz.svelte'),
		import('$lib/components/offline/OutboxStatus.svelte'),
		import('$lib/components/offline/StoredOnDevice.svelte'),
		import('$lib/components/player/EpisodeEmbed.svelte'),
		import('$lib/components/player/MiniPlayer.svelte'),
		import('$lib/components/player/engine')
	]);
}
