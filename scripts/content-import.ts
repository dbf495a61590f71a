// `npm run content:import [-- --force]`: imports CONTENT_DIR (default content/) into the database and reports
// every problem with file and line. Exit code 1 when any file was refused.
import { config } from '../src/lib/server/config';
import { closeDb, migrateDb } from '../src/lib/server/db';
import { importCourses } from '../src/lib/server/courses/import';

const force = process.argv.includes('--force');
await migrateDb();
const dir = config.contentDir;
const report = await importCourses(dir, { force });
console.log(`Content from ${dir}: ${report.imported} imported, ${report.unchanged} unchanged, ${report.archived} archived, ${report.errors.length} problem(s).`);
for (const e of report.errors) console.error(`${e.file}:${e.line}: ${e.reason}`);
for (const n of report.notices) console.log(`notice: ${n.file}: ${n.reason}`);
await closeDb();
process.exit(report.errors.length ? 1 : 0);
