// `npm run content:import [-- --force] [-- --ingest]`: imports CONTENT_DIR (default content/) — courses, the
// glossary and the podcast — into the database and reports every problem with file and line. Exit code 1 when any
// file was refused (Leichte Sprache warnings do not count).
// Queued audio is packaged by the running server's worker, or here with --ingest.
import { config } from '../src/lib/server/config';
import { closeDb, migrateDb } from '../src/lib/server/db';
import { importCourses } from '../src/lib/server/courses/import';
import { importPodcast } from '../src/lib/server/podcast/import';
import { importGlossary } from '../src/lib/server/glossary/import';
import { claimJob, runJob } from '../src/lib/server/media/jobs';

const force = process.argv.includes('--force');
await migrateDb();
const dir = config.contentDir;
const courses = await importCourses(dir, { force });
console.log(`Content from ${dir}: ${courses.imported} imported, ${courses.unchanged} unchanged, ${courses.archived} archived, ${courses.errors.length} problem(s); ${courses.variants} variant(s) written, ${courses.warnings.length} Leichte Sprache warning(s).`);
for (const e of courses.errors) console.error(`${e.file}:${e.line}: ${e.reason}`);
// Leichte Sprache findings: advice, not refusals (printed whenever the tree is read; --force reads it again)
for (const w of courses.warnings) console.log(`warning: ${w.file}:${w.line}: ${w.reason}`);
for (const n of courses.notices) console.log(`notice: ${n.file}: ${n.reason}`);
const glossary = await importGlossary(dir, { force });
console.log(`Glossary from ${dir}: ${glossary.imported} imported, ${glossary.unchanged} unchanged, ${glossary.removed} removed, ${glossary.errors.length} problem(s).`);
for (const e of glossary.errors) console.error(`${e.file}:${e.line}: ${e.reason}`);
const podcast = await importPodcast(dir);
console.log(`Podcast from ${dir}: ${podcast.imported} imported, ${podcast.unchanged} unchanged, ${podcast.queued.length} audio file(s) queued, ${podcast.errors.length} problem(s).`);
for (const e of podcast.errors) console.error(`${e.file}:${e.line}: ${e.reason}`);
if (process.argv.includes('--ingest')) {
	for (let job = await claimJob(); job; job = await claimJob()) {
		console.log(`Packaging job ${job.id} …`);
		await runJob(job);
	}
}
await closeDb();
process.exit(courses.errors.length || glossary.errors.length || podcast.errors.length ? 1 : 0);
