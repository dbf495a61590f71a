// Width, height and type of a PNG or JPEG from its header, so import can check cover art without ffmpeg.
export function imageInfo(buf: Buffer): { type: 'image/png' | 'image/jpeg'; width: number; height: number } | null {
	if (buf.length > 24 && buf.readUInt32BE(0) === 0x89504e47 && buf.toString('ascii', 12, 16) === 'IHDR') {
		return { type: 'image/png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
	}
	if (buf.length > 4 && buf[0] === 0xff && buf[1] === 0xd8) {
		let i = 2;
		while (i + 9 < buf.length) {
			if (buf[i] !== 0xff) return null;
			const marker = buf[i + 1];
			const len = buf.readUInt16BE(i + 2);
			// SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size
			if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
				return { type: 'image/jpeg', height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
			}
			i += 2 + len;
		}
	}
	return null;
}
