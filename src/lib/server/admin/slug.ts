// URL slugs from names: German umlauts spelled out, other accents dropped, everything else a dash.

const SPELLED: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

export function slugify(name: string, fallback = 'council'): string {
	const slug = name
		.toLowerCase()
		.replace(/[äöüß]/g, (c) => SPELLED[c])
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || fallback;
}

/** `base`, or `base-2`, `base-3`, … : the first one not in `taken`. */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
	const used = new Set(taken);
	if (!used.has(base)) return base;
	for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}
