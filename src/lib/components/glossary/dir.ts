// Writing direction of a language tag (for blocks whose language differs from the page's).
export const dirOf = (lang: string): 'rtl' | 'ltr' => (['ar', 'fa', 'he', 'ur', 'ps', 'ku'].includes(lang.split('-')[0]) ? 'rtl' : 'ltr');
