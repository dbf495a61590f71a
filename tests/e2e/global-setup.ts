// One server on a fresh database for the whole e2e run; tests that restart the server start their own.
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../server';

/** The repo's content/ when it has courses, else the small fixture content. */
export function e2eContentDir(): string {
	const real = path.resolve('content');
	return fs.existsSync(path.join(real, 'courses')) && fs.readdirSync(path.join(real, 'courses')).length ? real : path.resolve('tests/fixtures/content');
}

export default async function globalSetup() {
	const server = await startServer({ env: { CONTENT_DIR: process.env.CONTENT_DIR ?? e2eContentDir() } });
	process.env.E2E_BASE_URL = server.url;
	process.env.E2E_DB_URL = server.env.DATABASE_URL;
	process.env.E2E_DIR = server.dir;
	return async () => {
		await server.stop();
	};
}
