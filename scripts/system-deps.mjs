// Makes sure the Debian packages the tests need are there: installs them when root, else says what to install.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const NEEDED = [
	{ pkg: 'chromium', check: () => fs.existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium') },
	{ pkg: 'ffmpeg', check: () => has('ffmpeg') && has('ffprobe') },
	{ pkg: 'espeak-ng', check: () => has('espeak-ng') },
	{ pkg: 'python3-feedparser', check: () => spawnSync('python3', ['-c', 'import feedparser']).status === 0 },
	{ pkg: 'gpodder', check: () => has('gpo') },
	{ pkg: 'nginx-light', check: () => has('nginx') || fs.existsSync('/usr/sbin/nginx') },
	{ pkg: 'poppler-utils', check: () => has('pdftotext') && has('pdffonts') }
];

function has(cmd) {
	return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

export function ensureSystemDeps(which = NEEDED.map((n) => n.pkg)) {
	const missing = NEEDED.filter((n) => which.includes(n.pkg) && !n.check()).map((n) => n.pkg);
	if (missing.length === 0) return;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) {
		console.error(`\nMissing system packages: ${missing.join(' ')}\nInstall them with:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\n(or set CHROMIUM_PATH to another Chromium).\n`);
		process.exit(1);
	}
	console.log(`Installing system packages: ${missing.join(' ')}`);
	execSync('apt-get update -qq', { stdio: 'inherit' });
	execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`, { stdio: 'inherit', shell: '/bin/sh' });
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystemDeps();
