import type { PageServerLoad } from './$types';
import { certificateByCode } from '$lib/server/courses/certificates';
import { formatDate } from '$lib/server/format';

// Public: the snapshot on the certificate and its state, nothing else about the person.
export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders({ 'x-robots-tag': 'noindex' });
	const c = await certificateByCode(params.code);
	if (!c) return { certificate: null };
	const state = c.withdrawn ? 'withdrawn' : c.revokedAt !== null ? 'revoked' : 'valid';
	return {
		certificate: {
			code: c.code,
			state,
			// after account deletion the name is no longer shown
			displayName: c.withdrawn ? null : c.displayName,
			courseTitle: c.courseTitle,
			language: c.language,
			hours: c.hours,
			issued: formatDate(c.issuedAt, locals.locale)
		}
	};
};
