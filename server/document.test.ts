import { headTags, type DocumentHead } from './document';

const base: DocumentHead = {
  locale: 'en',
  title: 'Ranges & "resumes" <fast>',
  description: 'What 206 means',
  slug: 'range-requests',
  publicOrigin: 'https://wirebook.example',
  styles: ['/assets/a.css'],
  scripts: ['/assets/a.js'],
  jsonLd: { '@type': 'TechArticle', headline: '</script><b>' },
  nonce: 'abc123',
};

describe('headTags(head)', () => {
  const html = headTags(base);

  it('escapes the title and description', () => {
    expect(html).toContain('<title>Ranges &amp; &quot;resumes&quot; &lt;fast&gt;</title>');
    expect(html).toContain('<meta name="description" content="What 206 means">');
  });

  it('links the canonical URL and every locale, with x-default on the Chinese root', () => {
    expect(html).toContain('<link rel="canonical" href="https://wirebook.example/en/range-requests">');
    expect(html).toContain('<link rel="alternate" hreflang="zh-CN" href="https://wirebook.example/range-requests">');
    expect(html).toContain('<link rel="alternate" hreflang="en" href="https://wirebook.example/en/range-requests">');
    expect(html).toContain(
      '<link rel="alternate" hreflang="x-default" href="https://wirebook.example/range-requests">',
    );
  });

  it('carries Open Graph tags', () => {
    expect(html).toContain('<meta property="og:url" content="https://wirebook.example/en/range-requests">');
    expect(html).toContain('<meta property="og:locale" content="en_US">');
    expect(html).toContain('<meta property="og:locale:alternate" content="zh_CN">');
  });

  it('gives every script the nonce and keeps JSON-LD inside its element', () => {
    expect(html).toContain('<script defer src="/assets/a.js" nonce="abc123"></script>');
    expect(html).toContain(
      '<script type="application/ld+json">{"@type":"TechArticle","headline":"\\u003c/script\\u003e\\u003cb\\u003e"}</script>',
    );
  });

  it('marks documents without a slug noindex and gives them no canonical', () => {
    const other = headTags({ ...base, slug: null, jsonLd: null });
    expect(other).toContain('<meta name="robots" content="noindex">');
    expect(other).not.toContain('canonical');
  });
});
