import { afterEach, describe, expect, it } from 'vitest';
import { statementSettings, STATEMENT_WRITTEN } from './statement';

const KEYS = ['A11Y_OPERATOR', 'A11Y_CONTACT_EMAIL', 'A11Y_ENFORCEMENT_NAME', 'A11Y_ENFORCEMENT_ADDRESS', 'A11Y_ENFORCEMENT_PHONE', 'A11Y_ENFORCEMENT_EMAIL', 'A11Y_ENFORCEMENT_URL', 'A11Y_STATEMENT_PREPARED', 'A11Y_STATEMENT_REVIEWED'];
afterEach(() => {
	for (const k of KEYS) delete process.env[k];
});
const day = (iso: string) => Date.parse(iso + 'T12:00:00Z');

describe('accessibility statement settings', () => {
	it('without configuration: placeholders (null) and the date the statement was written', () => {
		expect(statementSettings()).toEqual({ operator: null, contactEmail: null, enforcement: null, prepared: day(STATEMENT_WRITTEN), reviewed: day(STATEMENT_WRITTEN) });
	});

	it('reads the operator’s values; "\\n" starts a line; a web address gets its scheme, anything else is dropped', () => {
		process.env.A11Y_OPERATOR = 'Stadt Musterstadt\\nMarktplatz 1';
		process.env.A11Y_ENFORCEMENT_NAME = 'Schlichtungsstelle BGG';
		process.env.A11Y_ENFORCEMENT_URL = 'www.schlichtungsstelle-bgg.de';
		process.env.A11Y_STATEMENT_PREPARED = '2027-01-15';
		process.env.A11Y_STATEMENT_REVIEWED = '2027-06-30';
		const s = statementSettings();
		expect(s.operator).toBe('Stadt Musterstadt\nMarktplatz 1');
		expect(s.enforcement).toEqual({ name: 'Schlichtungsstelle BGG', address: '', phone: '', email: '', url: 'https://www.schlichtungsstelle-bgg.de/' });
		expect([s.prepared, s.reviewed]).toEqual([day('2027-01-15'), day('2027-06-30')]);
		process.env.A11Y_ENFORCEMENT_URL = 'javascript:alert(1)';
		expect(statementSettings().enforcement?.url).toBe('');
	});

	it('an impossible date falls back to the date the statement was written', () => {
		process.env.A11Y_STATEMENT_PREPARED = '2027-02-30';
		process.env.A11Y_STATEMENT_REVIEWED = 'gestern';
		const s = statementSettings();
		expect([s.prepared, s.reviewed]).toEqual([day(STATEMENT_WRITTEN), day(STATEMENT_WRITTEN)]);
	});
});
