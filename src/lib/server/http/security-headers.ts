// The headers every page and endpoint answer with (hooks.server.ts), and the visitor's fast path (page-cache.ts) too.
import { config } from '../config';

export function setSecurityHeaders(h: Headers): void {
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
	// a response that names who may frame it (the embeddable player, EMBED_ORIGINS) decides that itself
	if (!/frame-ancestors (?!'none')/.test(h.get('content-security-policy') ?? '')) h.set('X-Frame-Options', 'DENY');
	if (config.secureCookies) h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}
