// The audit log of trainer and admin actions: who did what, to what, when.
import { desc } from 'drizzle-orm';
import { db, write, schema, type Tx } from './db';

export async function audit(actorId: string | null, action: string, target = '', detail: Record<string, unknown> = {}, tx?: Tx) {
	const row = { actorId, action, target, detail: JSON.stringify(detail), createdAt: Date.now() };
	if (tx) await tx.insert(schema.auditLog).values(row);
	else await write((t) => t.insert(schema.auditLog).values(row));
}

export async function recentAudit(limit = 100, offset = 0) {
	return db().select().from(schema.auditLog).orderBy(desc(schema.auditLog.id)).limit(limit).offset(offset);
}
