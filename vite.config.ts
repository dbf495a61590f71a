import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';

export default defineConfig({
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
