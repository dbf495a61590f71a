// The one audio player of the site: global state around a single <audio> element that lives in the root layout
// (MiniPlayer), so playback survives page navigation. Native HLS where the browser has it; otherwise hls.js, loaded
// on the first press of play only; the MP3 when HLS fails for good.
import type { PlayerEpisode } from '$lib/podcast/types';
import { loadLocal, saveLocal, sendPosition } from './positions';

type HlsInstance = import('hls.js').default;
const SAVE_EVERY_MS = 10_000;
const RECOVER_WINDOW_MS = 5_000;
export const RATES = [0.75, 1, 1.25, 1.5, 1.75, 2];

class Player {
	episode = $state<PlayerEpisode | null>(null);
	playing = $state(false);
	currentTime = $state(0);
	duration = $state(0);
	rate = $state(1);
	volume = $state(1);
	muted = $state(false);
	waiting = $state(false);
	/** how the audio is delivered: native HLS, hls.js or the MP3 fallback */
	engine = $state<'native' | 'hls.js' | 'mp3' | null>(null);
	/** slug of the episode whose full player is on screen (the mini-player hides its controls then) */
	docked = $state<string | null>(null);
	loggedIn = false;

	#audio: HTMLAudioElement | null = null;
	#hls: HlsInstance | null = null;
	#lastRecover = 0;
	#lastSave = 0;
	#counted = new Set<string>();

	attach(audio: HTMLAudioElement) {
		this.#audio = audio;
		const on = (name: string, fn: () => void) => audio.addEventListener(name, fn);
		on('play', () => {
			this.playing = true;
			this.#countPlay();
		});
		on('pause', () => {
			this.playing = false;
			this.save();
		});
		on('ended', () => {
			this.playing = false;
			this.save();
		});
		on('waiting', () => (this.waiting = true));
		on('playing', () => (this.waiting = false));
		on('timeupdate', () => {
			this.currentTime = audio.currentTime;
			if (this.playing && Date.now() - this.#lastSave > SAVE_EVERY_MS) this.save();
		});
		on('durationchange', () => {
			if (Number.isFinite(audio.duration)) this.duration = audio.duration;
		});
		on('ratechange', () => (this.rate = audio.playbackRate));
		on('volumechange', () => {
			this.volume = audio.volume;
			this.muted = audio.muted;
		});
		on('error', () => {
			// native HLS (or hls.js' media element) gave up: the MP3 is the last resort
			if (this.engine !== 'mp3') this.#fallback();
		});
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'hidden') this.save(true);
		});
	}

	detach() {
		this.#hls?.destroy();
		this.#hls = null;
		this.#audio = null;
	}

	/** Plays `ep` (from `at` seconds, or where it stands); the first call loads the audio. */
	async play(ep?: PlayerEpisode, at?: number) {
		const audio = this.#audio;
		if (!audio) return;
		if (ep && ep.slug !== this.episode?.slug) await this.#load(ep, at ?? 0);
		else if (at !== undefined) this.seek(at);
		if (!this.episode) return;
		try {
			await audio.play();
		} catch (err) {
			if ((err as Error).name !== 'AbortError') this.playing = false;
		}
	}

	pause() {
		this.#audio?.pause();
	}

	toggle(ep?: PlayerEpisode) {
		if (this.playing && (!ep || ep.slug === this.episode?.slug)) this.pause();
		else void this.play(ep);
	}

	seek(t: number) {
		const audio = this.#audio;
		if (!audio || !this.episode) return;
		const max = this.duration || this.episode.duration;
		const to = Math.max(0, Math.min(max ? max - 0.25 : t, t));
		audio.currentTime = to;
		this.currentTime = to;
	}

	skip(delta: number) {
		this.seek(this.currentTime + delta);
	}

	setRate(r: number) {
		if (this.#audio) this.#audio.playbackRate = r;
		this.rate = r;
	}

	setVolume(v: number) {
		if (!this.#audio) return;
		this.#audio.volume = Math.max(0, Math.min(1, v));
		if (v > 0) this.#audio.muted = false;
	}

	toggleMute() {
		if (this.#audio) this.#audio.muted = !this.#audio.muted;
	}

	chapterIndex(t = this.currentTime): number {
		const ch = this.episode?.chapters ?? [];
		let i = -1;
		for (let k = 0; k < ch.length; k++) if (ch[k].start <= t + 0.01) i = k;
		return i;
	}

	nextChapter() {
		const ch = this.episode?.chapters ?? [];
		const i = this.chapterIndex();
		if (i + 1 < ch.length) this.seek(ch[i + 1].start);
	}

	/** Back to the start of this chapter, or to the previous one when within its first 3 seconds. */
	prevChapter() {
		const ch = this.episode?.chapters ?? [];
		const i = this.chapterIndex();
		if (i < 0) return this.seek(0);
		const target = this.currentTime - ch[i].start < 3 && i > 0 ? ch[i - 1].start : ch[i].start;
		this.seek(target);
	}

	/** Saves the position: to the account when logged in (beacon when the page is going away), else localStorage. */
	save(beacon = false) {
		const ep = this.episode;
		if (!ep || !this.#audio || this.currentTime <= 0) return;
		this.#lastSave = Date.now();
		const entry = { episode: ep.slug, position: Math.round(this.currentTime * 10) / 10, duration: ep.duration || this.duration, at: Date.now() };
		if (this.loggedIn) sendPosition(entry, beacon);
		else saveLocal(entry);
	}

	async #load(ep: PlayerEpisode, at: number) {
		const audio = this.#audio!;
		if (this.episode) this.save();
		this.#hls?.destroy();
		this.#hls = null;
		this.episode = ep;
		this.currentTime = at;
		this.duration = ep.duration;
		this.#setMediaSession(ep);
		const seekOnLoad = () => {
			if (at > 0) audio.currentTime = at;
		};
		if (!ep.hls || audio.canPlayType('application/vnd.apple.mpegurl')) {
			this.engine = ep.hls ? 'native' : 'mp3';
			audio.src = ep.hls ?? ep.mp3 ?? '';
			audio.addEventListener('loadedmetadata', seekOnLoad, { once: true });
			return;
		}
		const { default: Hls } = await import('hls.js/light');
		if (!Hls.isSupported()) {
			this.engine = 'mp3';
			audio.src = ep.mp3 ?? '';
			audio.addEventListener('loadedmetadata', seekOnLoad, { once: true });
			return;
		}
		const hls = new Hls({ startPosition: at, maxBufferLength: 30, enableWorker: true, lowLatencyMode: false });
		this.#hls = hls;
		this.engine = 'hls.js';
		hls.on(Hls.Events.ERROR, (_e, data) => {
			if (!data.fatal) return;
			// media errors: one recovery attempt per 5 s; anything else, or a second one soon after, falls back
			if (data.type === Hls.ErrorTypes.MEDIA_ERROR && Date.now() - this.#lastRecover > RECOVER_WINDOW_MS) {
				this.#lastRecover = Date.now();
				hls.recoverMediaError();
			} else this.#fallback();
		});
		hls.loadSource(ep.hls);
		hls.attachMedia(audio);
	}

	#fallback() {
		const audio = this.#audio;
		const ep = this.episode;
		if (!audio || !ep?.mp3 || this.engine === 'mp3') return;
		const at = this.currentTime;
		const wasPlaying = this.playing || !audio.paused;
		this.#hls?.destroy();
		this.#hls = null;
		this.engine = 'mp3';
		audio.src = ep.mp3;
		audio.addEventListener('loadedmetadata', () => (audio.currentTime = at), { once: true });
		// preload="none": nothing loads until play() is called, so call it (or load() to get the metadata)
		if (wasPlaying) void audio.play().catch(() => undefined);
		else audio.load();
	}

	#countPlay() {
		const slug = this.episode?.slug;
		if (!slug || this.#counted.has(slug)) return;
		this.#counted.add(slug);
		void fetch('/api/podcast/play', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ episode: slug }) }).catch(() => undefined);
	}

	#setMediaSession(ep: PlayerEpisode) {
		if (!('mediaSession' in navigator)) return;
		const ms = navigator.mediaSession;
		ms.metadata = new MediaMetadata({ title: ep.title, artist: ep.showTitle, album: ep.showTitle, artwork: ep.cover ? [{ src: ep.cover, sizes: '1400x1400' }] : [] });
		const handlers: [MediaSessionAction, MediaSessionActionHandler][] = [
			['play', () => void this.play()],
			['pause', () => this.pause()],
			['seekbackward', (d) => this.skip(-(d.seekOffset ?? 15))],
			['seekforward', (d) => this.skip(d.seekOffset ?? 30)],
			['seekto', (d) => d.seekTime !== undefined && this.seek(d.seekTime)],
			['previoustrack', () => this.prevChapter()],
			['nexttrack', () => this.nextChapter()]
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

export const player = new Player();
export { loadLocal };
