// Vite plugin: `import x from './m?server-only'` is the module `./m` in the server build and `null` in the browser's.
// A component can then render something on the server (the quiz, into the lesson's markup) whose code the page's
// JavaScript does not carry; the browser loads it later with a dynamic import (QuizIsland.svelte, issue 11).
import type { Plugin } from 'vite';

const SUFFIX = '?server-only';
const NOTHING = '\0server-only:null';

export function serverOnlyImports(): Plugin {
	return {
		name: 'mitsprache:server-only-imports',
		enforce: 'pre',
		async resolveId(source, importer, options) {
			if (!source.endsWith(SUFFIX)) return null;
			if (!options?.ssr) return NOTHING;
			return this.resolve(source.slice(0, -SUFFIX.length), importer, { ...options, skipSelf: true });
		},
		load(id) {
			return id === NOTHING ? 'export default null;' : null;
		}
	};
}
