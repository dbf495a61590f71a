import { describe, expect, it } from 'vitest';
import { formatDuration } from './course-view';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('median time to completion', () => {
	it('takes the plural form of the number it shows', () => {
		expect(formatDuration(DAY, 'de')).toBe('1 Tag');
		expect(formatDuration(1.5 * DAY, 'de')).toBe('1,5 Tage');
		expect(formatDuration(HOUR, 'de')).toBe('1 Stunde');
		// 1.04 hours are shown as "1"
		expect(formatDuration(1.04 * HOUR, 'de')).toBe('1 Stunde');
		expect(formatDuration(2 * DAY, 'en')).toBe('2 days');
		expect(formatDuration(5 * HOUR, 'ru')).toBe('5 часов');
		expect(formatDuration(21 * DAY, 'ru')).toBe('21 день');
		expect(formatDuration(2 * DAY, 'ar')).toBe('يومان');
	});
});
