// Environment configuration: every setting has a working default (see README).
import path from 'node:path';

function env(name: string, fallback: string): string {
	const v = process.env[name];
	return v === undefined || v === '' ? fallback : v;
}

export const config = {
	get databaseUrl() {
		return env('DATABASE_URL', 'file:db/mitsprache.db');
	},
	get databaseAuthToken() {
		return process.env.DATABASE_AUTH_TOKEN || undefined;
	},
	get contentDir() {
		return path.resolve(env('CONTENT_DIR', 'content'));
	},
	get mediaDir() {
		return path.resolve(env('MEDIA_DIR', 'media'));
	},
	get smtpUrl() {
		return process.env.SMTP_URL || undefined;
	},
	/** A packaging job whose worker has not reported for this long is taken for dead and queued again (INGEST_STALE_S). */
	get ingestStaleMs() {
		const s = Number(env('INGEST_STALE_S', '120'));
		return (Number.isFinite(s) && s >= 5 ? s : 120) * 1000;
	},
	get maxUploadMb() {
		return Number(env('MAX_UPLOAD_MB', '500'));
	},
	get origin() {
		return env('ORIGIN', `http://localhost:${env('PORT', '3000')}`);
	},
	get production() {
		return process.env.NODE_ENV === 'production';
	},
	/**
	 * Who may show the embeddable player (/podcast/[episode]/embed) in a frame: CSP `frame-ancestors` sources from
	 * EMBED_ORIGINS (space- or comma-separated origins such as `https://rathaus.example`, or `'self'`). Anything else
	 * in the list is dropped, so a typo cannot open other directives. Every other page may not be framed at all.
	 */
	get embedOrigins(): string[] {
		const valid = env('EMBED_ORIGINS', "'self'")
			.split(/[\s,]+/)
			.filter(Boolean)
			.map((o) => (/^'?self'?$/i.test(o) ? "'self'" : /^'?none'?$/i.test(o) ? "'none'" : o.replace(/\/+$/, '')))
			.filter((o) => o === "'self'" || o === "'none'" || /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i.test(o));
		// 'none' only counts alone; an empty list after dropping typos means the default
		const list = valid.length > 1 ? valid.filter((o) => o !== "'none'") : valid;
		return list.length ? [...new Set(list)] : ["'self'"];
	},
	/** Cookies get `Secure` when the site is served over https. */
	get secureCookies() {
		return env('ORIGIN', '').startsWith('https://');
	}
};
