import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

// Every page needs the framework (Svelte's runtime, SvelteKit's client, devalue, Paraglide's runtime). Rollup would
// split it into a dozen chunks by which pages use which part, each fetched and gzipped on its own; one chunk
// compresses better and saves the requests (measured: ~4 KB gzip less on every page; issues 3/4, npm run bench).
const FRAMEWORK = /\/node_modules\/(svelte|@sveltejs\/kit|devalue|esm-env|clsx)\/|\/src\/lib\/paraglide\/runtime\.js$|vite\/preload-helper/;

export default defineConfig({
	build: {
		rollupOptions: {
			output: {
				manualChunks: (id) => (FRAMEWORK.test(id) ? 'framework' : undefined)
			}
		}
	},
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			// The locale is decided in hooks.server.ts (account → cookie → Accept-Language → de).
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			cookieName: 'lang'
		}),
		// Unit tests exercise server modules (relative imports); SvelteKit's dev plugin would keep Vitest from exiting.
		...(process.env.VITEST ? [] : [sveltekit()])
	],
	test: {
		include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/vitest-setup.ts'],
		testTimeout: 30000,
		hookTimeout: 60000,
		pool: 'forks',
		fileParallelism: true
	}
});
