import type { PageServerLoad } from './$types';
import { signVideoForPage } from '$lib/server/a11y/sign-video';

// Public. The video comes from the operator (DGS_VIDEO); without it the page says so and points to Leichte Sprache.
export const load: PageServerLoad = ({ locals }) => ({
	video: signVideoForPage(),
	// only the people who can fix it are told how
	showSetupHint: locals.user?.role === 'admin'
});
