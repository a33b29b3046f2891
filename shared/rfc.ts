/** An RFC on rfc-editor.org. */
export function rfcUrl(rfc: number | string): string {
  return `https://www.rfc-editor.org/rfc/rfc${rfc}.html`;
}

/** An RFC section on rfc-editor.org: `#section-3.4`, or `#appendix-A` for a lettered one. */
export function rfcSectionUrl(rfc: number | string, section: string): string {
  return `${rfcUrl(rfc)}#${/^[A-Z]/.test(section) ? 'appendix' : 'section'}-${section}`;
}
