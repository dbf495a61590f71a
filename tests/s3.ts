// A real S3 API for tests: s3rver (an S3-compatible server on the local disk) on a free port, with one bucket.
// `useS3()` points the media store at it for the current test file and puts the previous store back afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeMediaStore } from '../src/lib/server/media/store';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

export interface RunningS3 {
	endpoint: string;
	port: number;
	bucket: string;
	env: Record<string, string>;
	close(): Promise<void>;
}

/** s3rver's account. It refuses other key ids (InvalidAccessKeyId) but does not check v4 signatures, so a wrong secret goes unnoticed. */
export const S3_KEY = { id: 'S3RVER', secret: 'S3RVER' };

export async function startS3(opts: { bucket?: string; port?: number } = {}): Promise<RunningS3> {
	const bucket = opts.bucket ?? 'media';
	const directory = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR ?? os.tmpdir(), 's3rver-'));
	const server = new S3rver({ port: opts.port ?? 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }] });
	const { port } = (await server.run()) as { port: number };
	const endpoint = `http://127.0.0.1:${port}`;
	return {
		endpoint,
		port,
		bucket,
		env: { MEDIA_STORE: 's3', S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: S3_KEY.id, S3_SECRET_ACCESS_KEY: S3_KEY.secret },
		close: async () => {
			closeMediaStore();
			await server.close();
			fs.rmSync(directory, { recursive: true, force: true });
		}
	};
}

const S3_VARS = ['MEDIA_STORE', 'S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'MEDIA_PUBLIC_URL'];

/** Sets the environment of the media store; returns a function that restores the previous one. */
export function setStoreEnv(env: Record<string, string | undefined>): () => void {
	const before = Object.fromEntries(S3_VARS.map((n) => [n, process.env[n]]));
	for (const n of S3_VARS) {
		if (env[n] === undefined) delete process.env[n];
		else process.env[n] = env[n];
	}
	return () => {
		for (const n of S3_VARS) {
			if (before[n] === undefined) delete process.env[n];
			else process.env[n] = before[n];
		}
	};
}
