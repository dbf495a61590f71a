// Compiles Paraglide's messages when they are missing or older than messages/: server modules translate
// through them, and a fresh clone has none until the first build. Run before every tsx script.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
	let max = 0;
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		max = Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
	}
	return max;
}

export async function ensureMessages() {
	const out = path.join(root, 'src/lib/paraglide/messages.js');
	if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest(path.join(root, 'messages'))) return;
	const { compile } = await import('@inlang/paraglide-js');
	await compile({ project: path.join(root, 'project.inlang'), outdir: path.join(root, 'src/lib/paraglide') });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await ensureMessages();
