// The server decides the language (?lang=, account, cookie, Accept-Language) and writes it into <html lang>;
// the browser's messages follow that, so hydration never switches to another language than the page was rendered in.
import { baseLocale, isLocale, overwriteGetLocale } from '$lib/paraglide/runtime';

overwriteGetLocale(() => {
	const lang = document.documentElement.lang;
	return isLocale(lang) ? lang : baseLocale;
});
