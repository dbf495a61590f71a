// The player's machinery, loaded on the first press of play (never before, so pages with a player stay within the
// JavaScript budget): the <audio> element's events, native HLS / hls.js (itself loaded here on demand) / the MP3
// fallback, the Media Session (lock screen), counting a play and saving the listening position.
import { HEARD_RATIO, type PlayerEpisode } from '$lib/podcast/types';
import type { Player } from './player.svelte';
import { saveLocal, saveNowPlaying, sendPosition } from './positions';
import { hasStoredFile } from '$lib/offline/stored';
import { lowRendition, wantsSaveData } from '$lib/data-saver';

type HlsInstance = import('hls.js').default;
const SAVE_EVERY_MS = 10_000;
const RECOVER_WINDOW_MS = 5_000;

export class Engine {
	#p: Player;
	#audio: HTMLAudioElement;
	#hls: HlsInstance | null = null;
	#lastRecover = 0;
	#lastSave = 0;
	#counted = new Set<string>();
	#heard = new Set<string>();
	/** slug of the episode whose audio is on the <audio> element (after a reload the player shows one not loaded yet) */
	#loaded: string | null = null;
	#lastNow = 0;
	#onVisibility = () => {
		if (document.visibilityState === 'hidden') this.save(true);
	};
	#onPageHide = () => this.#rememberNow(true);

	constructor(p: Player, audio: HTMLAudioElement) {
		this.#p = p;
		this.#audio = audio;
		const on = (name: string, fn: () => void) => audio.addEventListener(name, fn);
		on('play', () => {
			p.playing = true;
			this.#countPlay();
		});
		on('pause', () => {
			p.playing = false;
			this.save();
			this.#rememberNow(true);
		});
		on('ended', () => {
			p.playing = false;
			this.#countHeard();
			this.save();
		});
		on('waiting', () => (p.waiting = true));
		on('playing', () => (p.waiting = false));
		on('timeupdate', () => {
			p.currentTime = audio.currentTime;
			if (p.duration > 0 && audio.currentTime >= p.duration * HEARD_RATIO) this.#countHeard();
			if (p.playing && Date.now() - this.#lastSave > SAVE_EVERY_MS) this.save();
			this.#rememberNow();
		});
		on('durationchange', () => {
			if (Number.isFinite(audio.duration)) p.duration = audio.duration;
		});
		on('ratechange', () => (p.rate = audio.playbackRate));
		on('volumechange', () => {
			p.volume = audio.volume;
			p.muted = audio.muted;
		});
		on('error', () => {
			// native HLS (or hls.js' media element) gave up: the MP3 is the last resort
			if (p.engine !== 'mp3') this.#fallback();
		});
		document.addEventListener('visibilitychange', this.#onVisibility);
		window.addEventListener('pagehide', this.#onPageHide);
		// what the listener chose before the first play
		audio.volume = p.volume;
		audio.muted = p.muted;
	}

	destroy() {
		this.#hls?.destroy();
		this.#hls = null;
		document.removeEventListener('visibilitychange', this.#onVisibility);
		window.removeEventListener('pagehide', this.#onPageHide);
	}

	/** For a reload of this tab (sessionStorage): the episode and its position, at most once a second while playing. */
	#rememberNow(now = false) {
		const ep = this.#p.episode;
		if (!ep || this.#loaded !== ep.slug || (!now && Date.now() - this.#lastNow < 1000)) return;
		this.#lastNow = Date.now();
		saveNowPlaying(ep, this.#p.currentTime);
	}

	/** Saves the position, stops and empties the <audio> element (the mini-player's close button). */
	unload() {
		this.save();
		this.#hls?.destroy();
		this.#hls = null;
		this.#loaded = null;
		this.#p.engine = null;
		this.#audio.pause();
		this.#audio.removeAttribute('src');
		this.#audio.load();
		if ('mediaSession' in navigator) navigator.mediaSession.metadata = null;
	}

	/** Plays `ep` (from `at` seconds, or where it stands); the first call for an episode loads its audio. */
	async play(ep?: PlayerEpisode, at?: number) {
		const p = this.#p;
		// an episode restored after a reload is shown but not loaded: it loads where it stood
		if (ep && ep.slug !== this.#loaded) await this.#load(ep, at ?? (ep.slug === p.episode?.slug ? p.currentTime : 0));
		else if (at !== undefined) p.seek(at);
		if (!p.episode) return;
		// a new source resets the speed; keep the listener's
		if (this.#audio.playbackRate !== p.rate) this.#audio.playbackRate = p.rate;
		try {
			await this.#audio.play();
		} catch (err) {
			if ((err as Error).name !== 'AbortError') p.playing = false;
		}
	}

	/** Saves the position: to the account when logged in (beacon when the page is going away), else localStorage. */
	save(beacon = false) {
		const p = this.#p;
		const ep = p.episode;
		if (!ep || p.currentTime <= 0) return;
		this.#lastSave = Date.now();
		const entry = { episode: ep.slug, position: Math.round(p.currentTime * 10) / 10, duration: ep.duration || p.duration, at: Date.now() };
		if (p.loggedIn) sendPosition(entry, beacon);
		else saveLocal(entry);
	}

	async #load(ep: PlayerEpisode, at: number) {
		const p = this.#p;
		const audio = this.#audio;
		if (p.episode) this.save();
		this.#hls?.destroy();
		this.#hls = null;
		this.#loaded = ep.slug;
		p.episode = ep;
		p.currentTime = at;
		p.duration = ep.duration;
		this.#setMediaSession(ep);
		saveNowPlaying(ep, at);
		const seekOnLoad = () => {
			if (at > 0) audio.currentTime = at;
		};
		// stored for offline listening (issue 12): the stored MP3, served by the service worker, with or without network
		if (ep.mp3 && (await hasStoredFile(ep.mp3))) {
			p.engine = 'mp3';
			audio.src = ep.mp3;
			audio.addEventListener('loadedmetadata', seekOnLoad, { once: true });
			return;
		}
		// data saver: the 64k rendition's own playlist, so neither native HLS nor hls.js starts with 128k
		const hlsUrl = ep.hls && wantsSaveData() ? lowRendition(ep.hls) : ep.hls;
		if (!hlsUrl || audio.canPlayType('application/vnd.apple.mpegurl')) {
			p.engine = hlsUrl ? 'native' : 'mp3';
			audio.src = hlsUrl ?? ep.mp3 ?? '';
			audio.addEventListener('loadedmetadata', seekOnLoad, { once: true });
			return;
		}
		const { default: Hls } = await import('hls.js/light');
		if (!Hls.isSupported()) {
			p.engine = 'mp3';
			audio.src = ep.mp3 ?? '';
			audio.addEventListener('loadedmetadata', seekOnLoad, { once: true });
			return;
		}
		const hls = new Hls({ startPosition: at, maxBufferLength: 30, enableWorker: true, lowLatencyMode: false });
		this.#hls = hls;
		p.engine = 'hls.js';
		hls.on(Hls.Events.ERROR, (_e, data) => {
			if (!data.fatal) return;
			// media errors: one recovery attempt per 5 s; anything else, or a second one soon after, falls back
			if (data.type === Hls.ErrorTypes.MEDIA_ERROR && Date.now() - this.#lastRecover > RECOVER_WINDOW_MS) {
				this.#lastRecover = Date.now();
				hls.recoverMediaError();
			} else this.#fallback();
		});
		hls.loadSource(hlsUrl);
		hls.attachMedia(audio);
	}

	#fallback() {
		const p = this.#p;
		const audio = this.#audio;
		const ep = p.episode;
		if (!ep?.mp3 || p.engine === 'mp3') return;
		const at = p.currentTime;
		const wasPlaying = p.playing || !audio.paused;
		this.#hls?.destroy();
		this.#hls = null;
		p.engine = 'mp3';
		audio.src = ep.mp3;
		audio.addEventListener('loadedmetadata', () => (audio.currentTime = at), { once: true });
		// preload="none": nothing loads until play() is called, so call it (or load() to get the metadata)
		if (wasPlaying) void audio.play().catch(() => undefined);
		else audio.load();
	}

	#countPlay() {
		const slug = this.#p.episode?.slug;
		if (!slug || this.#counted.has(slug)) return;
		this.#counted.add(slug);
		void fetch('/api/podcast/play', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ episode: slug }) }).catch(() => undefined);
	}

	/** Heard to the end (90 %): counted like a play, for listeners with and without an account (once per page). */
	#countHeard() {
		const slug = this.#loaded;
		if (!slug || this.#heard.has(slug)) return;
		this.#heard.add(slug);
		void fetch('/api/podcast/play', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ episode: slug, event: 'heard' }) }).catch(() => undefined);
	}

	#setMediaSession(ep: PlayerEpisode) {
		if (!('mediaSession' in navigator)) return;
		const p = this.#p;
		const ms = navigator.mediaSession;
		ms.metadata = new MediaMetadata({ title: ep.title, artist: ep.showTitle, album: ep.showTitle, artwork: ep.cover ? [{ src: ep.cover, sizes: '1400x1400' }] : [] });
		const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
			['play', () => void p.play()],
			['pause', () => p.pause()],
			['seekbackward', (d) => p.skip(-(d.seekOffset ?? 15))],
			['seekforward', (d) => p.skip(d.seekOffset ?? 30)],
			['seekto', (d) => d.seekTime !== undefined && p.seek(d.seekTime)],
			['previoustrack', () => p.prevChapter()],
			['nexttrack', () => p.nextChapter()]
		];
		for (const [action, fn] of handlers) {
			try {
				ms.setActionHandler(action, fn);
			} catch {
				/* action not supported by this browser */
			}
		}
	}
}
