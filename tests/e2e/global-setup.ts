// One server on a fresh database for the whole e2e run; tests that restart the server start their own.
import { startServer } from '../server';

export default async function globalSetup() {
	const server = await startServer();
	process.env.E2E_BASE_URL = server.url;
	process.env.E2E_DB_URL = server.env.DATABASE_URL;
	process.env.E2E_DIR = server.dir;
	return async () => {
		await server.stop();
	};
}
