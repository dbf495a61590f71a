// `npm run media:migrate [-- FOLDER]`: copies a local media folder (default MEDIA_DIR) into the bucket named by
// MEDIA_STORE=s3 and S3_* and reads every object back to check it. Safe to run again: equal objects are skipped.
// Exit code 1 when any object could not be verified.
import path from 'node:path';
import { config } from '../src/lib/server/config';
import { storeFromEnv } from '../src/lib/server/media/store';
import { migrateFolder } from '../src/lib/server/media/store/migrate';
import { S3Store } from '../src/lib/server/media/store/s3';

const dir = path.resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? config.mediaDir);
if (process.env.MEDIA_STORE !== 's3') {
	console.error('media:migrate copies into a bucket: set MEDIA_STORE=s3, S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
	process.exit(2);
}
const store = storeFromEnv();
if (!(store instanceof S3Store)) process.exit(2);
try {
	await store.check();
} catch (err) {
	console.error(`the bucket does not answer: ${(err as Error).message}`);
	process.exit(1);
}
const report = await migrateFolder(dir, store, (key, state) => console.log(`${state.padEnd(9)} ${key}`));
store.close();
console.log(`\n${report.copied.length} copied, ${report.unchanged.length} already there, ${report.skipped.length} not servable (left out), ${report.failed.length} failed`);
for (const f of report.failed) console.error(`FAILED ${f.key}: ${f.reason}`);
process.exit(report.failed.length ? 1 : 0);
