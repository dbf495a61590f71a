// Vite plugin for the browser build: Paraglide compiles every message into seven functions (one per locale) and a
// dispatcher of seven comparisons. In the browser bundle this plugin rewrites each message module into one table in
// the runtime's locale order (a plain string where the text has no inputs) and a shared lookup, which is about a sixth
// less JavaScript for the same texts (issue 11). Server code keeps Paraglide's output. A module that does not look as
// expected is left alone.
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

const HELPER = 'virtual:paraglide-compact-pick';
const MESSAGE_MODULE = /\/src\/lib\/paraglide\/messages\/([a-z0-9_]+)\.js$/;
// `const de_key = /** @type {…} */ (i) => {\n\treturn /** @type {LocalizedString} */ (`…`)\n};`
const SIMPLE_BODY = /^\(i?\) => \{\n\treturn \/\*\* @type \{LocalizedString\} \*\/ \((`(?:[^`\\]|\\.)*`)\)\n\};?\s*$/s;

export function compactMessages(settingsPath: string): Plugin {
	const { locales, baseLocale } = JSON.parse(fs.readFileSync(settingsPath, 'utf8')) as { locales: string[]; baseLocale: string };
	// the runtime's `locales` starts with the base locale; an unknown locale falls back to it (index 0), as Paraglide does
	const order = [baseLocale, ...locales.filter((l) => l !== baseLocale)];
	let runtime = '';
	return {
		name: 'mitsprache:compact-messages',
		enforce: 'pre',
		apply: 'build',
		configResolved(config) {
			runtime = path.resolve(config.root, 'src/lib/paraglide/runtime.js');
		},
		resolveId(id) {
			return id === HELPER ? '\0' + HELPER : null;
		},
		load(id) {
			if (id !== '\0' + HELPER) return null;
			return `import { getLocale, experimentalStaticLocale, locales } from ${JSON.stringify(runtime)};
export const pick = (table) => (inputs = {}, options = {}) => {
	const v = table[Math.max(0, locales.indexOf(experimentalStaticLocale ?? options.locale ?? getLocale()))];
	return typeof v === 'function' ? v(inputs) : v;
};`;
		},
		transform(code, id, options) {
			if (options?.ssr) return null;
			const key = MESSAGE_MODULE.exec(id)?.[1];
			if (!key || key === '_index' || order.includes(key)) return null;
			const compacted = compact(code, key, order);
			if (!compacted) return null;
			return { code: compacted, map: null };
		}
	};
}

/** The module rewritten, or null when it is not the shape Paraglide emits today. */
export function compact(code: string, key: string, order: string[]): string | null {
	const starts = order.map((l) => code.indexOf(`\nconst ${l}_${key} = `));
	const exportAt = code.indexOf(`\nexport const ${key} = `);
	if (starts.some((s) => s < 0) || exportAt < 0) return null;
	const docAt = code.lastIndexOf('\n/**', exportAt);
	const ends = starts.map((s) => Math.min(...[...starts, docAt, exportAt].filter((x) => x > s)));
	const entries: string[] = [];
	for (let i = 0; i < order.length; i++) {
		const def = code.slice(starts[i], ends[i]).trim();
		// drop `const x = /** @type {…} */ ` and the closing `;`
		const m = /^const \w+ = \/\*\* @type \{.*?\} \*\/ ([\s\S]*?);?\s*$/.exec(def);
		if (!m) return null;
		const fn = m[1];
		const simple = SIMPLE_BODY.exec(fn.endsWith(';') ? fn : fn + ';');
		if (simple && !simple[1].includes('${')) entries.push(simple[1]);
		else if (simple && fn.startsWith('(i)')) entries.push(`(i) => ${simple[1]}`);
		else entries.push(fn);
	}
	const header = code.slice(0, Math.min(...starts));
	const imports = header.split('\n').filter((l) => l.startsWith('import ') && !l.includes('runtime.js'));
	return `${imports.join('\n')}
import { pick } from '${HELPER}';
export const ${key} = /* @__PURE__ */ pick([
${entries.join(',\n')}
]);
`;
}
