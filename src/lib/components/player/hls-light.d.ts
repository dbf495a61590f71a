// hls.js ships its light build without a types entry; it has the same API as the full build.
declare module 'hls.js/light' {
	import Hls from 'hls.js';
	export default Hls;
}
