// `npm test`: system packages, unit + integration tests (Vitest), build, end-to-end tests (Playwright + Chromium).
import { spawnSync } from 'node:child_process';
import { ensureSystemDeps } from './system-deps.mjs';

ensureSystemDeps();

function run(cmd, args, env = {}) {
	console.log(`\n$ ${cmd} ${args.join(' ')}`);
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	if (r.status !== 0) process.exit(r.status ?? 1);
}

const only = process.argv[2];
// a fresh clone has neither .svelte-kit/tsconfig.json nor Paraglide's compiled messages
run('npx', ['svelte-kit', 'sync']);
run('node', ['scripts/paraglide.mjs']);
if (only !== 'e2e') run('npx', ['vitest', 'run']);
if (only !== 'unit') {
	run('npx', ['vite', 'build']);
	run('npx', ['playwright', 'test', '-c', 'tests/playwright.config.ts']);
}
