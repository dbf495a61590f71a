// The one audio player of the site: global state around a single <audio> element that lives in the root layout
// (MiniPlayer), so playback survives page navigation. This module is only the state and the simple controls; the
// machinery (HLS, fallback, Media Session, saving positions: engine.ts) and the mini-player load on the first press
// of play, and hls.js only when the browser has no native HLS.
import type { PlayerEpisode } from '$lib/podcast/types';
import type { Engine } from './engine';
import { playerShell } from './shell.svelte';
import { forgetNowPlaying, loadNowPlaying, saveNowPlaying } from './positions';

export const RATES = [0.75, 1, 1.25, 1.5, 1.75, 2];

export class Player {
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
	#engine: Engine | null = null;
	#starting: Promise<Engine> | null = null;
	// the mini-player mounts after the first press of play: the engine waits for its <audio>
	#ready!: Promise<HTMLAudioElement>;
	#resolveReady!: (audio: HTMLAudioElement) => void;

	constructor() {
		this.#resetReady();
	}

	#resetReady() {
		this.#ready = new Promise((resolve) => (this.#resolveReady = resolve));
	}

	/** Called by the mini-player with the site's <audio> element. */
	attach(audio: HTMLAudioElement) {
		this.#audio = audio;
		this.#resolveReady(audio);
	}

	detach() {
		this.#engine?.destroy();
		this.#engine = null;
		this.#starting = null;
		this.#audio = null;
		this.#resetReady();
	}

	#start(): Promise<Engine> {
		// the layout loads the mini-player, which attaches the <audio>
		playerShell.needed = true;
		this.#starting ??= Promise.all([import('./engine'), this.#ready]).then(([mod, audio]) => (this.#engine = new mod.Engine(this, audio)));
		return this.#starting;
	}

	/** Plays `ep` (from `at` seconds, or where it stands); the first call loads the machinery and the audio. */
	async play(ep?: PlayerEpisode, at?: number) {
		const engine = this.#engine ?? (await this.#start());
		// no episode given: the one shown (after a reload its audio is not loaded yet)
		await engine.play(ep ?? this.episode ?? undefined, at);
	}

	/** Stops and forgets the episode: the mini-player goes away (the listening position is saved first). */
	close() {
		if (this.#engine) this.#engine.unload();
		else this.#audio?.pause();
		this.episode = null;
		this.playing = false;
		this.currentTime = 0;
		this.duration = 0;
		forgetNowPlaying();
	}

	/** After a reload: the episode that was in the mini-player, paused where it stood; its audio loads on play. */
	restore() {
		if (this.episode) return;
		const kept = loadNowPlaying();
		if (!kept) return;
		this.episode = kept.episode;
		this.duration = kept.episode.duration;
		this.currentTime = Math.min(kept.position, kept.episode.duration || kept.position);
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
		saveNowPlaying(this.episode, to);
	}

	skip(delta: number) {
		this.seek(this.currentTime + delta);
	}

	setRate(r: number) {
		if (this.#audio) this.#audio.playbackRate = r;
		this.rate = r;
	}

	// before the first play there is no <audio> yet: the state keeps the choice and the engine applies it
	setVolume(v: number) {
		const volume = Math.max(0, Math.min(1, v));
		if (!this.#audio) {
			this.volume = volume;
			if (v > 0) this.muted = false;
			return;
		}
		this.#audio.volume = volume;
		if (v > 0) this.#audio.muted = false;
	}

	toggleMute() {
		if (this.#audio) this.#audio.muted = !this.#audio.muted;
		else this.muted = !this.muted;
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

	/** Saves the listening position (nothing to save before the first play). */
	save(beacon = false) {
		this.#engine?.save(beacon);
	}
}

export const player = new Player();
