import { describe, expect, it } from 'vitest';
import { timeInWords } from './time-words';

describe('timeInWords', () => {
	it('names hours, minutes and seconds with the plural each language needs', () => {
		expect(timeInWords(0, 'de')).toBe('0 Sekunden');
		expect(timeInWords(1, 'de')).toBe('1 Sekunde');
		expect(timeInWords(65, 'de')).toBe('1 Minute, 5 Sekunden');
		expect(timeInWords(3600 + 120, 'de')).toBe('1 Stunde, 2 Minuten');
		expect(timeInWords(22, 'ru')).toBe('22 секунды');
		expect(timeInWords(61, 'en')).toBe('1 minute, 1 second');
	});
	it('reads a fraction of a second as the whole seconds shown', () => {
		expect(timeInWords(12.9, 'de')).toBe('12 Sekunden');
		expect(timeInWords(Number.NaN, 'de')).toBe('0 Sekunden');
	});
});
