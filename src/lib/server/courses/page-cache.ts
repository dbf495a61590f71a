// Whole-page cache for course pages. A page is stored under the *state* it shows, never under a person:
// anonymous visitors share one copy per content version, locale and URL; logged-in learners share one copy per
// role and progress state (lesson: done / course done; catalogue: the percentages shown; never a lesson with a graded
// quiz, whose page shows the learner's attempts), and the only personal
// value in it, the display name in the serialised layout data, is cut out and filled in per response.
// Entries live at most 10 s (the home page also shows other domains' content). Each response gets a fresh CSP nonce.
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { createHash, randomBytes } from 'node:crypto';
import { contentVersion, Lru } from './cache';
import { allCourses, courseOutline } from './catalogue';
import { enrolmentSummaries, lessonState, touchLesson } from './progress';
import { SESSION_COOKIE, sessionTokenIn, validateSessionToken, type SessionUser } from '../auth/session';
import { sessionCookieHeader, sessionCookieOptions } from '../auth/cookies';
import { setSecurityHeaders } from '../http/security-headers';
import { log } from '../log';

const TTL_MS = 10_000;
const MAX_BYTES = 2_000_000;
const NAME_MARK = '\u0000display-name\u0000';
const NAME_RE = /user:\{displayName:("(?:[^"\\]|\\.)*"),role:"[a-z]+"\}/g;

interface Entry {
	/** the body as bytes, cut where the CSP nonce (true) or the display name (false) goes: chunk, slot, chunk, … */
	chunks: Buffer[];
	slots: boolean[];
	status: number;
	headers: [string, string][];
	at: number;
}

const cache = new Lru<Entry>(400);

/**
 * What a shared cache (a reverse proxy) may do with a visitor's copy: keep it up to TTL_MS like this one, then ask again
 * (an unchanged page comes back as a 304 without a body). It varies with the cookies (session, language, Leichte
 * Sprache) and the browser's languages, which pick the page. A learner's page is `private, no-store` (hooks.server.ts).
 */
export const PUBLIC_CACHE_CONTROL = `public, max-age=0, s-maxage=${TTL_MS / 1000}, must-revalidate`;
export const PUBLIC_VARY = 'Cookie, Accept-Language';

// (SvelteKit strips "/__data.json" from event.url; event.isDataRequest tells the two apart.)
function anonymousCacheable(pathname: string): boolean {
	return pathname === '/' || pathname === '/courses' || /^\/courses\/[a-z0-9-]+(\/[a-z0-9-]+)?$/.test(pathname);
}

/**
 * Course and lesson pages are cached for visitors only while the course is public: a council-only course's page must
 * never come out of a cache (checked on every hit too, against the current content version, which
 * setCourseVisibility moves).
 */
async function publicPath(pathname: string): Promise<boolean> {
	const m = /^\/courses\/([a-z0-9-]+)/.exec(pathname);
	if (!m) return true;
	const course = await courseOutline(m[1]);
	return course?.visibility === 'public' && !course.draft;
}

/** A string literal safe inside an inline <script>, equal in value to `s` (as devalue writes it). */
function scriptString(s: string): string {
	return JSON.stringify(s)
		.replace(/</g, '\\u003C')
		.replace(/>/g, '\\u003E')
		.replace(/\//g, '\\u002F')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

/** The progress state a learner's lesson or catalogue page shows; null when the page is not cached for learners. */
async function learnerState(userId: string, pathname: string, readOnly = false): Promise<string | null> {
	const m = /^\/courses(?:\/([a-z0-9-]+)\/([a-z0-9-]+))?$/.exec(pathname);
	if (!m) return null;
	if (m[1]) {
		const course = await courseOutline(m[1]);
		const lesson = course?.lessons.find((l) => l.slug === m[2]);
		if (!course || !lesson || course.visibility !== 'public' || course.draft) return null;
		// a graded quiz shows the learner's own attempts left and wait times: such a page belongs to one person
		if (lesson.quizMode === 'graded') return null;
		// what the page's load does on every visit: enrol and mark started (writes only the first time)
		const s = readOnly ? await lessonState(userId, course.id, lesson.id) : await touchLesson(userId, course.id, lesson.id);
		return `L${s.done ? 1 : 0}${s.courseDone ? 1 : 0}`;
	}
	if ((await allCourses()).some((c) => c.visibility !== 'public')) return null;
	const summaries = await enrolmentSummaries(userId);
	return 'C' + summaries.map((s) => `${s.courseId}:${s.percent}`).sort().join(',');
}

/** 304 when the browser or proxy already holds this copy (SvelteKit's own check compares strong ETags only) */
function notModified(e: Entry, event: RequestEvent): Response | null {
	const asked = event.request.headers.get('if-none-match');
	if (!asked) return null;
	const etag = e.headers.find(([k]) => k === 'etag')?.[1];
	if (!etag || !asked.split(',').some((t) => t.trim() === etag || t.trim() === etag.slice(2) || t.trim() === '*')) return null;
	const headers = new Headers(e.headers.filter(([k]) => k === 'etag' || k === 'cache-control' || k === 'vary'));
	return new Response(null, { status: 304, headers });
}

// 16 random bytes per response, taken from a larger draw of the system's generator (one call per 256 responses:
// a call per response was 4 % of a cached learner's page)
let randomPool = Buffer.alloc(0);
let randomAt = 0;
function freshNonce(): string {
	if (randomAt + 16 > randomPool.length) {
		randomPool = randomBytes(4096);
		randomAt = 0;
	}
	randomAt += 16;
	return randomPool.toString('base64', randomAt - 16, randomAt);
}

/** The entry's body and headers with a fresh CSP nonce (and the learner's display name where it goes). */
function assemble(e: Entry, displayName: string | null): { body: Buffer<ArrayBuffer>; headers: Headers } {
	const nonce = freshNonce();
	const nonceBytes = Buffer.from(nonce);
	const nameBytes = Buffer.from(displayName !== null ? scriptString(displayName) : '');
	const body: Buffer[] = [e.chunks[0]];
	e.slots.forEach((isNonce, i) => body.push(isNonce ? nonceBytes : nameBytes, e.chunks[i + 1]));
	const headers = new Headers();
	for (const [k, v] of e.headers) headers.set(k, k === 'content-security-policy' ? v.split(NONCE_MARK).join(nonce) : v);
	return { body: Buffer.concat(body), headers };
}

function serve(e: Entry, event: RequestEvent): Response {
	const unchanged = notModified(e, event);
	if (unchanged) return unchanged;
	const { body, headers } = assemble(e, event.locals.user ? event.locals.user.displayName : null);
	const session = event.locals.session;
	const token = event.cookies.get(SESSION_COOKIE);
	// the sliding session cookie SvelteKit would have added on a rendered response
	if (session && token) headers.append('set-cookie', event.cookies.serialize(SESSION_COOKIE, token, sessionCookieOptions(session.expiresAt)));
	return new Response(body, { status: e.status, headers });
}

const NONCE_MARK = '\u0000nonce\u0000';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function store(response: Response, body: string, learner: boolean): Entry | null {
	const csp = response.headers.get('content-security-policy') ?? '';
	const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
	let text = body;
	if (learner) {
		const found = [...text.matchAll(NAME_RE)];
		if (found.length !== 1) return null;
		text = text.replace(NAME_RE, (whole, lit: string) => whole.replace(lit, NAME_MARK));
	}
	const headers = [...response.headers.entries()]
		.filter(([k]) => k !== 'date' && k !== 'content-length' && k !== 'set-cookie')
		.map(([k, v]): [string, string] => [k, k === 'content-security-policy' && nonce ? v.split(nonce).join(NONCE_MARK) : v]);
	const chunks: Buffer[] = [];
	const slots: boolean[] = [];
	const cut = new RegExp(nonce ? `${escapeRe(nonce)}|${NAME_MARK}` : NAME_MARK, 'g');
	let last = 0;
	for (const m of text.matchAll(cut)) {
		chunks.push(Buffer.from(text.slice(last, m.index)));
		slots.push(m[0] !== NAME_MARK);
		last = m.index + m[0].length;
	}
	chunks.push(Buffer.from(text.slice(last)));
	// a validator that stays the same as long as the page does: over the body without its per-response nonce (SvelteKit's
	// own ETag covers the nonce and so changes with every render); SvelteKit answers a matching If-None-Match with 304
	const hash = createHash('sha256');
	for (const c of chunks) hash.update(c).update('\u0000');
	const etag = `W/"${hash.digest('base64url').slice(0, 27)}"`;
	const kept = headers.filter(([k]) => k !== 'etag' && (learner || (k !== 'cache-control' && k !== 'vary')));
	kept.push(['etag', etag]);
	if (!learner) kept.push(['cache-control', PUBLIC_CACHE_CONTROL], ['vary', PUBLIC_VARY]);
	return { chunks, slots, status: 200, headers: kept, at: Date.now() };
}

export const coursePageCache: Handle = async ({ event, resolve }) => {
	const { request, url, locals } = event;
	if (request.method !== 'GET' || url.search.length > 200) return resolve(event);
	let key: string | null = null;
	let state: string | null = null;
	if (!locals.user) {
		if (anonymousCacheable(url.pathname) && (await publicPath(url.pathname))) key = event.isDataRequest ? 'AD' : 'A';
	} else if (!event.isDataRequest) {
		state = await learnerState(locals.user.id, url.pathname);
		if (state) key = `U${locals.user.role}|${state}`;
	}
	if (!key) return resolve(event);
	// the Leichte Sprache preference picks a lesson's version like the locale does
	const tail = `${locals.locale}${locals.plainLanguage ? '+ls' : ''}${locals.saveData ? '+sd' : ''}|${url.pathname}${url.search}`;
	key = `${key}|${await contentVersion()}|${tail}`;
	const hit = cache.get(key);
	// the next request with the same path, cookies and languages may take a fast path (below)
	const remember = () => {
		if (event.isDataRequest || url.search) return;
		const at = fastKey(url.pathname, request.headers.get('cookie'), request.headers.get('accept-language'));
		if (!locals.user) fastIndex.set(at, tail);
		else learnerIndex.set(at, { userId: locals.user.id, role: locals.user.role, locale: locals.user.locale, plain: locals.user.plainLanguage, tail });
	};
	if (hit && Date.now() - hit.at < TTL_MS) {
		remember();
		return serve(hit, event);
	}

	const response = await resolve(event);
	const type = response.headers.get('content-type') ?? '';
	if (response.status !== 200 || (!locals.user && response.headers.has('set-cookie')) || !(type.startsWith('text/html') || type.startsWith('application/json'))) return response;
	const body = await response.text();
	// a learner's state may have changed while the page rendered (another tab): then this copy belongs to no state
	const stable = !locals.user || (await learnerState(locals.user.id, url.pathname, true)) === state;
	const entry = stable && body.length <= MAX_BYTES ? store(response, body, Boolean(locals.user)) : null;
	if (!entry) return new Response(body, { status: response.status, headers: response.headers });
	cache.set(key, entry);
	remember();
	const unchanged = notModified(entry, event);
	if (unchanged) return unchanged;
	// the first copy goes out with the headers of every later one (its own nonce stays)
	const headers = new Headers(response.headers);
	for (const [k, v] of entry.headers) if (k !== 'content-security-policy') headers.set(k, v);
	return new Response(body, { status: response.status, headers });
};

// The fast paths. A visitor's copy of a page depends only on the path, the cookies (language, Leichte Sprache, data
// saver) and Accept-Language (see the key above), so a GET with no query string and exactly the same three is answered
// from the cache before SvelteKit makes a Request and a Response of it (scripts/server.mjs asks fastPage on every
// request): about half the processor time of a cache hit went there (CPU profiles of the lesson benches, issue 11).
// A learner's copy depends on the same three and on what the session and the learner's progress say; those two are
// asked again on every request (the session as the hook asks it: expiry, disabled account, sliding renewal).
// Everything the slower hit checks is checked here too: a fresh content version, a public course, the entry's age,
// If-None-Match; the response gets a fresh nonce and the same security headers as every other page.
const fastIndex = new Lru<string>(2000);
interface LearnerKey {
	userId: string;
	role: string;
	/** the account's language and Leichte Sprache choice when the copy was made: they decide the page with the cookies */
	locale: string;
	plain: boolean;
	tail: string;
}
const learnerIndex = new Lru<LearnerKey>(4000);
const fastKey = (pathname: string, cookie: string | null, acceptLanguage: string | null) => `${pathname}\u0000${cookie ?? ''}\u0000${acceptLanguage ?? ''}`;

export interface FastAnswer {
	status: number;
	headers: Headers;
	body: Buffer | null;
}

type Header = (name: string) => string | null;

export async function fastPage(method: string, rawUrl: string, header: Header): Promise<FastAnswer | null> {
	if (method !== 'GET' || rawUrl.includes('?') || rawUrl.length > 300 || !rawUrl.startsWith('/')) return null;
	if (header('x-sveltekit-action') || header('x-sveltekit-invalidated')) return null;
	const cookie = header('cookie');
	// (a session cookie, even one that does not parse, is never a visitor's)
	if (cookie && cookie.includes(`${SESSION_COOKIE}=`)) {
		const token = sessionTokenIn(cookie);
		return token ? fastLearnerPage(method, rawUrl, cookie, token, header) : null;
	}
	return fastVisitorPage(method, rawUrl, cookie, header);
}

function answer(method: string, rawUrl: string, hit: Entry, header: Header, user: SessionUser | null, extra: [string, string][]): FastAnswer {
	const etag = hit.headers.find(([k]) => k === 'etag')?.[1];
	const asked = header('if-none-match');
	let result: FastAnswer;
	if (asked && etag && asked.split(',').some((t) => t.trim() === etag || t.trim() === etag.slice(2) || t.trim() === '*')) {
		result = { status: 304, headers: new Headers(hit.headers.filter(([k]) => k === 'etag' || k === 'cache-control' || k === 'vary')), body: null };
	} else {
		const { body, headers } = assemble(hit, user ? user.displayName : null);
		headers.set('content-length', String(body.length));
		result = { status: hit.status, headers, body };
	}
	for (const [k, v] of extra) result.headers.append(k, v);
	setSecurityHeaders(result.headers);
	if (process.env.LOG_REQUESTS !== '0') log('request', { method, path: rawUrl, status: result.status, ms: 0, cache: user ? 'learner' : 'visitor' });
	return result;
}

async function fastVisitorPage(method: string, rawUrl: string, cookie: string | null, header: Header): Promise<FastAnswer | null> {
	const rest = fastIndex.get(fastKey(rawUrl, cookie, header('accept-language')));
	if (!rest) return null;
	// the key of the slower path: the visitor's copy under today's content version (a course made council-only moves it)
	const hit = cache.get(`A|${await contentVersion()}|${rest}`);
	if (!hit || Date.now() - hit.at >= TTL_MS || !(await publicPath(rawUrl))) return null;
	return answer(method, rawUrl, hit, header, null, []);
}

async function fastLearnerPage(method: string, rawUrl: string, cookie: string, token: string, header: Header): Promise<FastAnswer | null> {
	const known = learnerIndex.get(fastKey(rawUrl, cookie, header('accept-language')));
	if (!known) return null;
	// an ended, expired or disabled session, or another person, language or role than the copy was made for: SvelteKit
	const valid = await validateSessionToken(token);
	if (!valid) return null;
	const { user, session } = valid;
	if (user.id !== known.userId || user.role !== known.role || user.locale !== known.locale || user.plainLanguage !== known.plain) return null;
	// the learner's progress (opening a lesson enrols and marks it started, as the page's load does) picks the copy
	const state = await learnerState(user.id, rawUrl);
	if (!state) return null;
	const hit = cache.get(`U${user.role}|${state}|${await contentVersion()}|${known.tail}`);
	if (!hit || Date.now() - hit.at >= TTL_MS) return null;
	return answer(method, rawUrl, hit, header, user, [
		// what hooks.server.ts adds to every learner's page: the sliding session cookie, and no shared cache
		['set-cookie', sessionCookieHeader(token, session.expiresAt)],
		['cache-control', 'private, no-store']
	]);
}
