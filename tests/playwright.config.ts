import { defineConfig } from '@playwright/test';
import { chromiumPath } from './chromium';

export default defineConfig({
	testDir: './e2e',
	outputDir: '../test-results',
	globalSetup: './e2e/global-setup.ts',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: false,
	workers: 2,
	retries: 0,
	reporter: [['list']],
	use: {
		baseURL: process.env.E2E_BASE_URL,
		locale: 'de-DE',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: chromiumPath(),
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync', '--autoplay-policy=no-user-gesture-required']
		}
	}
});
