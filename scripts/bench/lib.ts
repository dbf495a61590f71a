// Shared benchmark machinery: the built server on a temporary database, nginx as the static baseline, autocannon load.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, tempDir, type RunningServer } from '../../tests/server';

export interface LoadResult {
	rps: number;
	/** CPU time (user + system) the serving process and its children spent per request, when `cpuPid` was given */
	cpuUs?: number;
	/** responses with a 2xx status */
	ok: number;
	p50: number;
	p99: number;
	errors: number;
	timeouts: number;
	max: number;
	non2xx: number;
	requests: number;
}

export interface LoadOptions {
	url: string;
	connections?: number;
	duration?: number;
	headers?: Record<string, string>;
	method?: string;
	body?: string;
	/** per-request variation: returns headers/body for each request (e.g. a different learner per connection) */
	requests?: autocannon.Request[];
	/** the serving process: its CPU time per request is measured (robust to other load on the machine, unlike req/s) */
	cpuPid?: number;
	/** stop after this many requests (instead of after `duration`) */
	amount?: number;
	/** seconds before a request counts as timed out (autocannon's default: 10) */
	timeout?: number;
}

export interface BenchRow {
	name: string;
	value: string;
	ratio?: string;
	/** this row measures an aim of issue 11 (see AIMS): the figure to show next to it, and whether the aim is met */
	aim?: { key: AimKey; now: string; met: boolean };
}

/** The aims of issue 11 (Performance) with the figures measured on the landed main before the work on it. */
export const AIMS = {
	lessonAnon: { figure: 'anonymous lesson page, req/s vs nginx static, same bytes', before: '12.5 %', aim: '≥ 25 %' },
	lessonAuthed: { figure: 'logged-in lesson page vs nginx', before: '4.7–8 %', aim: '≥ 10 %' },
	complete: { figure: 'mark complete, 50 learners', before: '692/s, p99 370 ms', aim: '≥ 2,000/s, p99 < 100 ms, 0 errors' },
	burst: { figure: '2,000 concurrent progress writes', before: 'p99 33.9 s, 106 timeouts', aim: 'all acknowledged, p99 < 2 s, 0 lost' },
	jsLesson: { figure: 'JS gzip, lesson page', before: '44 KB', aim: '≤ 30 KB' },
	jsEpisode: { figure: 'JS gzip, episode page before play', before: '48.5 KB', aim: '≤ 30 KB' },
	ingest: { figure: 'ingest, × real time, all outputs, 2 cores', before: '54×', aim: '≥ 100×' },
	lighthouse: { figure: 'Lighthouse mobile (perf, a11y, best practices, SEO) on /, a lesson, an episode', before: 'not measured', aim: '≥ 95 each, 100 accessibility' }
} as const;
export type AimKey = keyof typeof AIMS;

export interface BenchContext {
	url: string;
	server: RunningServer;
	contentDir: string;
	/** the nginx master process (its workers are counted with it) */
	nginxPid: number;
	/** Fetches `pathname` from the app anonymously and returns a URL where nginx serves the very same HTML. */
	staticBaseline(pathname: string, headers?: Record<string, string>): Promise<string>;
	load(opts: LoadOptions): Promise<LoadResult>;
	/** A fresh learner account with a session: the Cookie header value and the user id. */
	newLearner(): Promise<{ cookie: string; userId: string }>;
	/** `n` fresh learners at once (one password hash shared by all: hashing 2,000 passwords is not what is measured). */
	newLearners(n: number): Promise<{ cookie: string; userId: string }[]>;
	/** command-line flags given to `npm run bench -- …` (e.g. --lighthouse) */
	flags: Set<string>;
}

export type BenchFn = (ctx: BenchContext) => Promise<BenchRow[]>;

export const DEFAULT_DURATION = Number(process.env.BENCH_DURATION || 5);

/** CPU seconds (user + system) used so far by `pid` and every process below it, from /proc. */
export function cpuSeconds(pid: number): number {
	let ticks = 0;
	const walk = (p: number) => {
		try {
			const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			ticks += Number(f[11]) + Number(f[12]);
			for (const t of fs.readdirSync(`/proc/${p}/task`)) {
				for (const c of fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').split(' ').filter(Boolean)) walk(Number(c));
			}
		} catch {
			// the process ended meanwhile
		}
	};
	walk(pid);
	return ticks / 100;
}

export async function load(opts: LoadOptions): Promise<LoadResult> {
	const cpu0 = opts.cpuPid ? cpuSeconds(opts.cpuPid) : 0;
	const result = await autocannon({
		url: opts.url,
		connections: opts.connections ?? 50,
		...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? DEFAULT_DURATION }),
		...(opts.timeout && { timeout: opts.timeout }),
		headers: opts.headers,
		method: (opts.method ?? 'GET') as autocannon.Request['method'],
		body: opts.body,
		requests: opts.requests
	});
	const cpu = opts.cpuPid ? cpuSeconds(opts.cpuPid) - cpu0 : 0;
	return {
		rps: result.requests.average,
		...(opts.cpuPid && result.requests.total > 0 && { cpuUs: (cpu * 1e6) / result.requests.total }),
		ok: result['2xx'],
		p50: result.latency.p50,
		p99: result.latency.p99,
		errors: result.errors + result.timeouts,
		timeouts: result.timeouts,
		max: result.latency.max,
		non2xx: result.non2xx,
		requests: result.requests.total
	};
}

export function fmtLoad(r: LoadResult): string {
	return `${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}, non-2xx ${r.non2xx}${r.cpuUs !== undefined ? `, ${Math.round(r.cpuUs)} µs CPU/req` : ''}`;
}

export function pct(part: number, whole: number): string {
	return whole > 0 ? `${((part / whole) * 100).toFixed(1)} %` : 'n/a';
}

export interface Nginx {
	url: string;
	pid: number;
	root: string;
	stop(): Promise<void>;
}

/** nginx-light on a free port serving files from a temporary root, with settings comparable to the app's. */
export async function startNginx(): Promise<Nginx> {
	const dir = tempDir('mitsprache-nginx-');
	const root = path.join(dir, 'root');
	fs.mkdirSync(root);
	// nginx workers run as an unprivileged user: they must be able to read the files
	fs.chmodSync(dir, 0o755);
	fs.chmodSync(root, 0o755);
	fs.mkdirSync(path.join(dir, 'tmp'));
	const port = await freePort();
	const conf = `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  types { text/html html; }
  default_type text/html;
  keepalive_requests 100000;
  server { listen 127.0.0.1:${port} backlog=4096; root ${root}; }
}`;
	fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
	const nginxBin = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
	const proc: ChildProcess = spawn(nginxBin, ['-c', path.join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 100; i++) {
		try {
			await fetch(url + '/');
			break;
		} catch {
			await new Promise((r) => setTimeout(r, 50));
		}
	}
	return {
		url,
		pid: proc.pid!,
		root,
		stop: () =>
			new Promise((resolve) => {
				if (proc.exitCode !== null) return resolve();
				proc.once('exit', () => resolve());
				proc.kill('SIGTERM');
			})
	};
}
