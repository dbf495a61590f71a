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
if (only !== 'e2e') run('npx', ['vitest', 'run']);
if (only !== 'unit') {
	run('npx', ['vite', 'build']);
	run('npx', ['playwright', 'test', '-c', 'tests/playwright.config.ts']);
}
