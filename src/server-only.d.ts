// `?server-only` imports (scripts/vite-server-only.ts): the module on the server, null in the browser. The importer
// casts it to the module's type.
declare module '*?server-only' {
	const value: unknown;
	export default value;
}
