import { redirect, type RequestHandler } from '@sveltejs/kit';
import { endSession } from '$lib/server/auth/login';

// POST only: a link or an image cannot log anyone out (SvelteKit checks the Origin of form posts).
export const POST: RequestHandler = async (event) => {
	await endSession(event);
	redirect(303, '/');
};
