// Consistent online backup: VACUUM INTO a new file while the site runs, then integrity_check on the copy.
import { createClient } from '@libsql/client';
import fs from 'node:fs';
import path from 'node:path';
import type { DbHandle } from './index';

export async function backupTo(h: DbHandle, target: string): Promise<{ bytes: number; integrity: string }> {
	if (!h.url.startsWith('file:')) throw new Error('db:backup works on an embedded database file; use the libSQL server’s own backup for DATABASE_URL=libsql://…');
	const file = path.resolve(target);
	if (fs.existsSync(file)) throw new Error(`${file} exists already; choose a new file name`);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	await h.client.execute({ sql: 'VACUUM INTO ?', args: [file] });
	const copy = createClient({ url: 'file:' + file });
	try {
		const r = await copy.execute('PRAGMA integrity_check');
		const integrity = String(r.rows[0]?.[0] ?? r.rows[0]?.integrity_check);
		if (integrity !== 'ok') throw new Error(`backup failed its integrity check: ${integrity}`);
		return { bytes: fs.statSync(file).size, integrity };
	} finally {
		copy.close();
	}
}
