// Images in lessons: checked by their bytes, resized by ffmpeg (a phone copy beside the large one), alt text required,
// nothing stored when refused; the renderer keeps these images (with size and srcset) and drops any from elsewhere.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocument, renderMarkdown } from '../../content/markdown';
import { imageInfo } from '../media/image-size';
import { imageMarkdown, storeLessonImage } from './lesson-images';

const media = () => process.env.MEDIA_DIR!;
const listMedia = () => (fs.existsSync(media()) ? fs.readdirSync(media(), { recursive: true }).map(String).sort() : []);

/** A real picture made by ffmpeg: `w`×`h`, as PNG or JPEG. */
function picture(w: number, h: number, ext: 'png' | 'jpg', colour = 'teal'): Uint8Array {
	const file = path.join(process.env.TEST_TMP_DIR!, `pic-${w}x${h}-${colour}.${ext}`);
	execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${colour}:s=${w}x${h}`, '-frames:v', '1', file]);
	return new Uint8Array(fs.readFileSync(file));
}

describe('storeLessonImage', () => {
	it('stores a wide photo at 1600 px and a phone copy at 800 px, both real images of the right size', async () => {
		const r = await storeLessonImage(picture(3000, 2000, 'jpg'), '  Stuhlkreis im   Sitzungssaal ');
		if (!r.ok) throw new Error(r.reason);
		expect(r.src).toMatch(/^\/media\/[0-9a-f]{32}\/img-1600x1067\.jpg$/);
		expect(r.markdown).toBe(`![Stuhlkreis im Sitzungssaal](${r.src})`);
		const folder = path.join(media(), r.src.split('/')[2]);
		expect(fs.readdirSync(folder).sort()).toEqual(['img-1600x1067.jpg', 'img-800x534.jpg']);
		expect(imageInfo(fs.readFileSync(path.join(folder, 'img-1600x1067.jpg')))).toEqual({ type: 'image/jpeg', width: 1600, height: 1067 });
		expect(imageInfo(fs.readFileSync(path.join(folder, 'img-800x534.jpg')))).toEqual({ type: 'image/jpeg', width: 800, height: 534 });
		// the renderer points phones at the small copy, and the page reserves the image's space
		const html = renderMarkdown(r.markdown);
		expect(html).toContain(`src="${r.src}"`);
		expect(html).toContain('width="1600" height="1067"');
		expect(html).toContain(`srcset="/media/${r.src.split('/')[2]}/img-800x534.jpg 800w, ${r.src} 1600w"`);
		expect(html).toContain('alt="Stuhlkreis im Sitzungssaal"');
	});

	it('keeps a small PNG at its size (no copy), and the same picture twice is stored once', async () => {
		const png = picture(640, 480, 'png', 'orange');
		const a = await storeLessonImage(png, 'Ein Plakat');
		const b = await storeLessonImage(png, 'Ein Plakat');
		if (!a.ok || !b.ok) throw new Error('refused');
		expect(a.src).toMatch(/\/img-640x480\.png$/);
		expect(b.src).toBe(a.src);
		expect(fs.readdirSync(path.join(media(), a.src.split('/')[2]))).toEqual(['img-640x480.png']);
		expect(renderMarkdown(a.markdown)).not.toContain('srcset');
	});

	it('refuses non-images by their content whatever they are called, oversize pictures and a missing alt text, storing nothing', async () => {
		const before = listMedia();
		const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
		expect(await storeLessonImage(svg, 'Ein Bild')).toEqual({ ok: false, reason: 'not_image' });
		expect(await storeLessonImage(new TextEncoder().encode('GIF89a…'), 'Ein Bild')).toEqual({ ok: false, reason: 'not_image' });
		// a PNG header claiming 20000×20000 pixels (a decompression bomb) is too large before ffmpeg sees it
		const bomb = Buffer.from(picture(10, 10, 'png', 'red'));
		bomb.writeUInt32BE(20000, 16);
		bomb.writeUInt32BE(20000, 20);
		expect(await storeLessonImage(new Uint8Array(bomb), 'Ein Bild')).toEqual({ ok: false, reason: 'too_large' });
		expect(await storeLessonImage(new Uint8Array(16 * 1024 * 1024), 'Ein Bild')).toEqual({ ok: false, reason: 'too_large' });
		expect(await storeLessonImage(picture(100, 100, 'jpg', 'blue'), '   ')).toEqual({ ok: false, reason: 'alt_missing' });
		// a PNG header on bytes ffmpeg cannot decode: refused after trying, and its work folder is gone too
		const broken = Buffer.concat([Buffer.from(picture(10, 10, 'png', 'green')).subarray(0, 33), Buffer.alloc(100, 7)]);
		expect(await storeLessonImage(new Uint8Array(broken), 'Kaputt')).toEqual({ ok: false, reason: 'failed' });
		expect(listMedia()).toEqual(before);
	});

	it('escapes brackets in the alt text so the Markdown line stays one image', () => {
		expect(imageMarkdown('Plan [Entwurf]', '/media/x/img-1x1.png')).toBe('![Plan \\[Entwurf\\]](/media/x/img-1x1.png)');
	});
});

describe('images in Markdown', () => {
	it('drops images from other sites, data: and relative tricks, and names them as a problem', () => {
		for (const src of ['https://example.org/saal.jpg', 'http://example.org/a.png', '//example.org/a.png', 'data:image/png;base64,AAAA', '/media/../etc/passwd.png', '/uploads/a.png', 'javascript:alert(1)']) {
			const doc = renderDocument(`Text.\n\n![Saal](${src})\n`);
			expect(doc.html, src).not.toContain('<img');
			expect(doc.problems.map((p) => p.code), src).toEqual(['md_image_outside']);
		}
		const html = renderMarkdown('<img src="https://example.org/x.png" alt="x"> <img src="/media/0123456789abcdef0123456789abcdef/cover.png" alt="Cover">');
		expect(html).not.toContain('example.org');
		expect(html).toContain('<img src="/media/0123456789abcdef0123456789abcdef/cover.png" alt="Cover" loading="lazy" decoding="async" />');
	});
});
