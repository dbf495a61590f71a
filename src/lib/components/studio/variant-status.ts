// How the studio names a variant's state (matrix and lesson editor).
import * as m from '$lib/paraglide/messages';

export type VariantCell = { tag: string; status: 'published' | 'outdated' | 'archived' | 'draft' | 'missing'; draft: boolean };

export function variantStatus(c: VariantCell): string {
	const s = {
		published: m.variants_status_published,
		outdated: m.variants_status_outdated,
		archived: m.variants_status_archived,
		draft: m.variants_status_draft,
		missing: m.variants_status_missing
	}[c.status]();
	return c.draft && c.status !== 'draft' ? `${s}, ${m.variants_status_has_draft()}` : s;
}
