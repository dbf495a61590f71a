import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './guard';
import { config } from '../config';
import { GOOD_REDIRECTS, HOSTILE_REDIRECTS } from '../../../../tests/fixtures/redirect-corpus';

describe('safeRedirectTarget', () => {
	const ours = new URL(config.origin);

	it.each(HOSTILE_REDIRECTS.map((raw) => [JSON.stringify(raw).slice(0, 60), raw]))('keeps %s on this site', (_, raw) => {
		const target = safeRedirectTarget(raw, '/me');
		// what a browser does with the Location header: resolve it against the page (tabs and newlines dropped, "\" as "/")
		expect(new URL(target, ours).origin).toBe(ours.origin);
		// a valid header value, so the answer can never be a 500 "Invalid redirect location"
		expect(target).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
		expect(target.length).toBeLessThanOrEqual(2048 * 3);
	});

	it('sends everything hostile to the fallback except harmless same-site paths', () => {
		const kept = HOSTILE_REDIRECTS.map((raw) => [raw, safeRedirectTarget(raw, '/me')]).filter(([, t]) => t !== '/me');
		// what stays is a path on our own origin: percent-encoded slashes are one segment, and "http:/x" is
		// relative to an http page (a browser reads it the same way)
		expect(kept).toEqual([
			['/%2F/evil.example', '/%2F/evil.example'],
			['/%2f%2fevil.example', '/%2f%2fevil.example'],
			['/%5Cevil.example', '/%5Cevil.example'],
			['http:/evil.example', '/evil.example']
		]);
	});

	it.each(GOOD_REDIRECTS)('keeps our own path %s', (raw, expected) => {
		expect(safeRedirectTarget(raw, '/me')).toBe(expected);
	});

	it('accepts an absolute URL of our own origin as its path, and falls back on empty input', () => {
		expect(safeRedirectTarget(`${ours.origin}/courses?x=1`, '/me')).toBe('/courses?x=1');
		expect(safeRedirectTarget('', '/me')).toBe('/me');
		expect(safeRedirectTarget(null, '/me')).toBe('/me');
		expect(safeRedirectTarget(undefined)).toBe('/');
	});
});
