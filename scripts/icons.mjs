// Draws the app icons (web app manifest, iOS home screen) from one SVG and rasterises them with the system Chromium.
// Run when the logo changes: `node scripts/icons.mjs`; the PNGs in static/icons are committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BLUE = '#0b5cad';
// the "M" of the favicon; `inset` is the share of the side kept free around it (maskable icons: a safe zone of 80 %)
const logo = (size, { rounded, inset }) => {
	const s = size;
	const pad = s * inset;
	const w = s - 2 * pad;
	const x = (f) => pad + f * w;
	const stroke = w * 0.1;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">
<rect width="${s}" height="${s}" rx="${rounded ? s * 0.19 : 0}" fill="${BLUE}"/>
<path d="M${x(0.25)} ${x(0.69)}V${x(0.31)}l${w * 0.25} ${w * 0.22} ${w * 0.25} -${w * 0.22}v${w * 0.38}" fill="none" stroke="#fff" stroke-width="${stroke}" stroke-linejoin="round" stroke-linecap="round"/>
</svg>`;
};

const icons = [
	{ file: 'icon-192.png', size: 192, rounded: true, inset: 0 },
	{ file: 'icon-512.png', size: 512, rounded: true, inset: 0 },
	{ file: 'icon-maskable-512.png', size: 512, rounded: false, inset: 0.1 },
	{ file: 'apple-touch-icon.png', size: 180, rounded: false, inset: 0.04 }
];

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const out = path.resolve('static/icons');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'icons-'));
fs.mkdirSync(out, { recursive: true });
for (const i of icons) {
	const html = path.join(tmp, `${i.file}.html`);
	fs.writeFileSync(html, `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${logo(i.size, i)}`);
	execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--default-background-color=00000000', `--window-size=${i.size},${i.size}`, `--screenshot=${path.join(out, i.file)}`, `file://${html}`], { stdio: 'ignore' });
	console.log(i.file, fs.statSync(path.join(out, i.file)).size, 'bytes');
}
fs.rmSync(tmp, { recursive: true, force: true });
