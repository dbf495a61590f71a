import { afterEach, describe, expect, it } from 'vitest';
import { config } from '../config';
import { embedHeaders } from './embed';

const before = process.env.EMBED_ORIGINS;
afterEach(() => {
	if (before === undefined) delete process.env.EMBED_ORIGINS;
	else process.env.EMBED_ORIGINS = before;
});

describe('EMBED_ORIGINS', () => {
	it("defaults to 'self'", () => {
		delete process.env.EMBED_ORIGINS;
		expect(config.embedOrigins).toEqual(["'self'"]);
		expect(embedHeaders(config.embedOrigins)['content-security-policy']).toContain("frame-ancestors 'self'");
	});
	it('takes origins separated by spaces or commas and drops anything that is not an origin', () => {
		process.env.EMBED_ORIGINS = "self, https://rathaus.example/ https://*.beirat.example:8443 ; script-src * javascript:alert(1) 'none'";
		expect(config.embedOrigins).toEqual(["'self'", 'https://rathaus.example', 'https://*.beirat.example:8443']);
		expect(embedHeaders(config.embedOrigins)['content-security-policy']).not.toContain('script-src *');
	});
	it("keeps 'none' when it stands alone", () => {
		process.env.EMBED_ORIGINS = "'none'";
		expect(config.embedOrigins).toEqual(["'none'"]);
	});
});
