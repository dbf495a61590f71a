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
	get maxUploadMb() {
		return Number(env('MAX_UPLOAD_MB', '500'));
	},
	get origin() {
		return env('ORIGIN', `http://localhost:${env('PORT', '3000')}`);
	},
	get production() {
		return process.env.NODE_ENV === 'production';
	},
	/** Cookies get `Secure` when the site is served over https. */
	get secureCookies() {
		return env('ORIGIN', '').startsWith('https://');
	}
};
