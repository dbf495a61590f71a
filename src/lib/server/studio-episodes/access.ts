// Route-side guard for the episode studio: unknown episode → 404, an episode the user may not edit → 403.
// Call it after requireRole(event, 'trainer') in every load, action and endpoint under /studio/episodes/[slug].
import { error } from '@sveltejs/kit';
import { t } from '../i18n';
import { getStudioEpisode, type StudioRow } from './episodes';
import { canEditEpisode, type Who } from './ownership';

export async function episodeForEdit(user: Who, slug: string, locale: string): Promise<StudioRow> {
	const row = await getStudioEpisode(slug);
	if (!row) error(404, t(locale, 'error_not_found'));
	if (!(await canEditEpisode(user, row.episode.id))) error(403, t(locale, 'error_forbidden'));
	return row;
}
