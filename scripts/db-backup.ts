// `npm run db:backup -- FILE`: a consistent copy of the live database, checked with integrity_check.
import { closeDb, getDb } from '../src/lib/server/db';
import { backupTo } from '../src/lib/server/db/backup';

const target = process.argv[2];
if (!target) {
	console.error('usage: npm run db:backup -- FILE');
	process.exit(2);
}
try {
	const { bytes } = await backupTo(getDb(), target);
	console.log(`backup written to ${target} (${bytes} bytes), integrity_check: ok`);
} catch (err) {
	console.error(String((err as Error).message ?? err));
	process.exitCode = 1;
} finally {
	await closeDb();
}
