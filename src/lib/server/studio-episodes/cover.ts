// An episode's own cover image: PNG or JPEG by magic bytes, stored under a content-hashed folder in the media store
// with a name the server chooses (never the uploaded file's name).
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { audit } from '../audit';
import { schema, write } from '../db';
import { mediaStore } from '../media/store';
import { imageType } from './validate';

export async function setCover(actorId: string, episodeId: string, bytes: Uint8Array | null): Promise<{ ok: true } | { ok: false; reason: 'not_image' }> {
	let imagePath: string | null = null;
	if (bytes) {
		const type = imageType(bytes);
		if (!type) return { ok: false, reason: 'not_image' };
		const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
		imagePath = `${hash}/cover.${type === 'image/png' ? 'png' : 'jpg'}`;
		await mediaStore().put(imagePath, bytes);
	}
	await write(async (tx) => {
		await tx.update(schema.episodes).set({ imagePath, updatedAt: Date.now() }).where(eq(schema.episodes.id, episodeId));
		await audit(actorId, 'studio.episode.cover', episodeId, { imagePath }, tx);
	});
	return { ok: true };
}
