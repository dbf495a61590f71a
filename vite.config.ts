import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { SQLD_MISSING, sqldBinary } from './tests/sqld';
import { compactMessages } from './scripts/vite-compact-messages';
import { serverOnlyImports } from './scripts/vite-server-only';

// The integration tests that matter most on a libSQL server (progress, quizzes, sessions, the writer queue, listening
// positions) run a second time against sqld, each file with its own server (project `sqld`; about 30 s more).
const SQLD_TESTS = [
	'src/lib/server/courses/progress.test.ts',
	'src/lib/server/courses/quiz-policy.test.ts',
	'src/lib/server/auth/session.test.ts',
	'src/lib/server/auth/login-throttle.test.ts',
	'src/lib/server/db/writer.test.ts',
	'src/lib/server/db/write-queue.test.ts',
	'src/lib/server/db/unavailable.test.ts',
	'src/lib/server/podcast/listening.test.ts'
];
const withSqld = !!sqldBinary();
if (process.env.VITEST && !withSqld) console.warn(SQLD_MISSING);

// Every page needs the framework (Svelte's runtime, SvelteKit's client, devalue, Paraglide's runtime). Rollup would
// split it into a dozen chunks by which pages use which part, each fetched and gzipped on its own; one chunk
// compresses better and saves the requests (measured: ~4 KB gzip less on every page; issues 3/4, npm run bench).
const FRAMEWORK = /\/node_modules\/(svelte|@sveltejs\/kit|devalue|esm-env|clsx)\/|\/src\/lib\/paraglide\/runtime\.js$|vite\/preload-helper|paraglide-compact-pick/;

export default defineConfig({
	build: {
		rollupOptions: {
			output: {
				manualChunks: (id) => (FRAMEWORK.test(id) ? 'framework' : undefined)
			}
		}
	},
	plugins: [
		// the browser's messages as one table each (a sixth less JavaScript for the same texts; issue 11)
		compactMessages('./project.inlang/settings.json'),
		// `?server-only` imports: what a component renders on the server without its code in the page (QuizIsland.svelte)
		serverOnlyImports(),
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
		environment: 'node',
		setupFiles: ['tests/vitest-setup.ts'],
		testTimeout: 30000,
		hookTimeout: 60000,
		pool: 'forks',
		fileParallelism: true,
		projects: [
			{ extends: true, test: { name: 'embedded', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'] } },
			...(withSqld ? [{ extends: true as const, test: { name: 'sqld', include: SQLD_TESTS, env: { TEST_DB: 'sqld' } } }] : [])
		]
	}
});
