// A page's large server-rendered HTML (a lesson body) belongs in the markup once, not a second time in the hydration
// data SvelteKit serialises next to it. devalue serialises an object's enumerable properties only, while the server
// render reads any property: so the value is hidden from the serialiser when the page is rendered as HTML. A client-side
// navigation loads the data alone (`__data.json`, event.isDataRequest): there it stays, it is what the page shows.
// The component keeps the server-rendered markup while the value is missing (see Prose.svelte).
export function markupOnly<T extends object>(event: { isDataRequest: boolean }, obj: T, key: keyof T & string): T {
	if (!event.isDataRequest) Object.defineProperty(obj, key, { enumerable: false });
	return obj;
}
