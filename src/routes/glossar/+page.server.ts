import type { PageServerLoad } from './$types';
import { glossaryPage } from '$lib/server/glossary/page';

// Public: the glossary is for everyone, in the reader's interface language.
export const load: PageServerLoad = async ({ locals }) => glossaryPage(locals.locale);
