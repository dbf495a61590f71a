// `npm run db:migrate`: applies db/migrations to DATABASE_URL (the server also does this at start).
import { closeDb, getDb, migrateDb } from '../src/lib/server/db';

await migrateDb();
console.log(`migrated ${getDb().url.replace(/\/\/[^@]*@/, '//')}`);
await closeDb();
