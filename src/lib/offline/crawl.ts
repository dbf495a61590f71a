// The build files a page needs (issue 12): those its HTML names, and what those import statically, transitively.
// Dynamic imports are left out (they would reach every page of the site, the studio's editor included).

/** Build files named in a page or a script (content-hashed paths under /_app/immutable/). */
export const BUILD_REF = /\/_app\/immutable\/[^"'\s)<>]+/g;
// `from"./x.js"`, `import"./x.js"` (not `import("./x.js")`)
const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g;

/** Fetches every file reachable from `start` once; `get` answers a file's text (scripts) or null. */
export async function crawlBuild(start: Iterable<string>, get: (path: string) => Promise<string | null>): Promise<void> {
	const seen = new Set<string>();
	const queue = [...start];
	while (queue.length) {
		const path = queue.shift()!;
		if (seen.has(path)) continue;
		seen.add(path);
		const text = await get(path);
		if (!text || !path.endsWith('.js')) continue;
		for (const m of text.matchAll(STATIC_IMPORT)) {
			const next = new URL(m[1], `http://x${path}`).pathname;
			if (next.startsWith('/_app/immutable/') && !seen.has(next)) queue.push(next);
		}
	}
}
