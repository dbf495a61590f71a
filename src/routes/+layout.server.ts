import type { LayoutServerLoad } from './$types';

// Only what the shell needs; pages check access themselves (a layout check protects nothing below it).
export const load: LayoutServerLoad = ({ locals, url }) => {
	return {
		user: locals.user ? { displayName: locals.user.displayName, role: locals.user.role } : null,
		locale: locals.locale,
		saveData: locals.saveData,
		path: url.pathname + url.search
	};
};
