// A component rendered to HTML on the server, for Island.svelte (imported there with `?server-only`: the browser's
// bundle has none of this).
import { render } from 'svelte/server';
import type { Component } from 'svelte';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export default function islandMarkup<P extends Record<string, any>>(component: Component<P>, props: P): string {
	return render(component, { props }).body;
}
