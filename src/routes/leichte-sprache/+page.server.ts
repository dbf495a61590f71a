import type { PageServerLoad } from './$types';
import { signVideo } from '$lib/server/a11y/sign-video';

// Public. The text says whether the sign language video is there yet.
export const load: PageServerLoad = () => ({ signVideo: signVideo() !== null });
