import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { config } from '$lib/server/config';
import { ownCertificate } from '$lib/server/courses/certificates';
import { certificatePdf } from '$lib/server/courses/certificate-pdf';

// The certificate PDF, for its owner only: any other code (guessed or someone else's) is a 404.
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const cert = await ownCertificate(user.id, event.params.code);
	if (!cert) error(404, t(event.locals.locale, 'error_not_found'));
	const pdf = await certificatePdf(cert, `${config.origin}/verify/${cert.code}`);
	const name = cert.language === 'en' ? 'certificate' : 'teilnahmebescheinigung';
	return new Response(pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${name}-${cert.code.slice(0, 8)}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
