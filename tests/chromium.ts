// Where the tests find Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium.
import fs from 'node:fs';

export function chromiumPath(): string {
	const p = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	if (!fs.existsSync(p)) throw new Error(`Chromium not found at ${p}. Install Debian's package: sudo apt-get install chromium (or set CHROMIUM_PATH).`);
	return p;
}
