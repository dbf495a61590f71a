// After a studio write that learners see: move the content version on, here and (through content_state) in every
// other process, so cached course pages and outlines show the new state at once.
import { eq } from 'drizzle-orm';
import { schema, type Tx } from '../db';
import { bumpContentVersion } from '../courses/cache';

export async function touchContentTx(tx: Tx) {
	const now = Date.now();
	const updated = await tx.update(schema.contentState).set({ importedAt: now }).where(eq(schema.contentState.key, 'courses')).returning({ key: schema.contentState.key });
	// no import ever ran: an empty hash makes the next import a full one, which is what it would be anyway
	if (!updated.length) await tx.insert(schema.contentState).values({ key: 'courses', hash: '', errors: '[]', importedAt: now });
}

/** Call after the transaction committed. */
export function contentChanged() {
	bumpContentVersion();
}
