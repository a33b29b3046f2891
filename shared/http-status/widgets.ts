/**
 * The widgets every code page places around its prose. Apart from the lesson composer, so the code
 * page's browser bundle can name them without the Markdown parser the composer needs.
 */
export const CODE_PAGE_WIDGETS = {
  facts: 'code-facts',
  lab: 'send-it',
  wire: 'live-http',
  related: 'related-codes',
} as const;
