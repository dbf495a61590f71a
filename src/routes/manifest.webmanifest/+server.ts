// The web app manifest (issue 12): installable on Android and iOS, named in the visitor's language.
import type { RequestHandler } from './$types';
import { t, textDirection } from '$lib/server/i18n';

export const GET: RequestHandler = ({ locals }) => {
	const locale = locals.locale;
	const manifest = {
		id: '/',
		name: t(locale, 'offline_app_name'),
		short_name: 'Mitsprache',
		description: t(locale, 'offline_app_description'),
		lang: locale,
		dir: textDirection(locale),
		start_url: '/?source=pwa',
		scope: '/',
		display: 'standalone',
		theme_color: '#0b5cad',
		background_color: '#ffffff',
		icons: [
			{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
			{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
			{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
		],
		shortcuts: [
			{ name: t(locale, 'offline_shortcut_me'), url: '/me', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] },
			{ name: t(locale, 'offline_shortcut_podcast'), url: '/podcast', icons: [{ src: '/icons/icon-192.png', sizes: '192x192' }] }
		]
	};
	return new Response(JSON.stringify(manifest), {
		headers: { 'content-type': 'application/manifest+json; charset=utf-8', 'cache-control': 'no-cache', vary: 'Cookie, Accept-Language' }
	});
};
