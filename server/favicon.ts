/** The site icon, small enough to live in code and served at /favicon.svg. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b5fad"/><path d="M6 9l4 14 4-10 4 10 4-14" fill="none" stroke="#fff" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/><circle cx="26" cy="9" r="2" fill="#fff"/></svg>\n`;
