import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { localeParam, t } from '$lib/server/i18n';
import { config } from '$lib/server/config';
import { ownCertificate } from '$lib/server/courses/certificates';
import { certificatePdf } from '$lib/server/courses/certificate-pdf';

// The certificate PDF, for its owner only: any other code (guessed or someone else's) is a 404.
// Printed in the owner's language; ?lang=de gives the German copy an office in Germany may ask for.
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const cert = await ownCertificate(user.id, event.params.code);
	if (!cert) error(404, t(event.locals.locale, 'error_not_found'));
	const locale = localeParam(event.url) ?? event.locals.locale;
	const pdf = await certificatePdf(cert, `${config.origin}/verify/${cert.code}`, locale);
	const name = locale === 'de' ? 'teilnahmebescheinigung' : 'certificate';
	return new Response(pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${name}-${locale}-${cert.code.slice(0, 8)}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
