// What the accessibility statement says that only the operator can know: who runs the site, how to reach them, the
// enforcement body, and when the statement was prepared and reviewed. All from the environment (see README).
import { log } from '../log';

/** The day this statement's text was written; an operator who reviews it sets A11Y_STATEMENT_REVIEWED. */
export const STATEMENT_WRITTEN = '2026-12-02';

export interface EnforcementBody {
	name: string;
	address: string;
	phone: string;
	email: string;
	url: string;
}

export interface StatementSettings {
	/** name and address of the operator, or null while not configured (the page then says it is a placeholder) */
	operator: string | null;
	contactEmail: string | null;
	enforcement: EnforcementBody | null;
	prepared: number;
	reviewed: number;
}

/** A setting; the two characters \n start a new line (env files cannot hold line breaks). */
const val = (name: string) => (process.env[name] ?? '').trim().replace(/\\n/g, '\n');

function day(name: string, fallback: string): number {
	const raw = val(name) || fallback;
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
	const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12) : NaN;
	if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(m?.[3])) {
		log('config_invalid', { name, value: raw, note: 'expected YYYY-MM-DD; using ' + fallback });
		return day('', fallback);
	}
	return ms;
}

/** An http(s) address as a link, anything else as nothing. */
function webUrl(raw: string): string {
	if (!raw) return '';
	const withScheme = /^https?:\/\//i.test(raw) ? raw : `https://${raw}`;
	try {
		const u = new URL(withScheme);
		return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : '';
	} catch {
		return '';
	}
}

export function statementSettings(): StatementSettings {
	const enforcement: EnforcementBody = {
		name: val('A11Y_ENFORCEMENT_NAME'),
		address: val('A11Y_ENFORCEMENT_ADDRESS'),
		phone: val('A11Y_ENFORCEMENT_PHONE'),
		email: val('A11Y_ENFORCEMENT_EMAIL'),
		url: webUrl(val('A11Y_ENFORCEMENT_URL'))
	};
	const prepared = day('A11Y_STATEMENT_PREPARED', STATEMENT_WRITTEN);
	return {
		operator: val('A11Y_OPERATOR') || null,
		contactEmail: val('A11Y_CONTACT_EMAIL') || null,
		enforcement: enforcement.name ? enforcement : null,
		prepared,
		reviewed: val('A11Y_STATEMENT_REVIEWED') ? day('A11Y_STATEMENT_REVIEWED', STATEMENT_WRITTEN) : prepared
	};
}
