import { thrownBy } from '../test/helpers/errors';
import { LessonFormatError, lessonWidgets, parseLesson, withSiteOrigin } from './lesson';

const FRONT = '---\ntitle: A title\nnavTitle: Short\ndescription: One line.\n---\n';

describe('parseLesson(source)', () => {
  it('reads the front matter, the lead, sections with their ids, and widget slots', () => {
    const lesson = parseLesson(
      `${FRONT}The **lead**.\n\n## First *part* {#first}\nText.\n\n<!-- widget: live-thing -->\n\nMore.\n\n## Second {#second}\n| a | b |\n|---|---|\n| 1 | 2 |\n`,
    );
    expect(lesson.meta).toEqual({ title: 'A title', navTitle: 'Short', description: 'One line.' });
    expect(lesson.lead).toEqual([{ kind: 'html', html: '<p>The <strong>lead</strong>.</p>' }]);
    expect(lesson.sections.map((s) => [s.id, s.heading])).toEqual([
      ['first', 'First <em>part</em>'],
      ['second', 'Second'],
    ]);
    expect(lesson.sections[0]?.blocks).toEqual([
      { kind: 'html', html: '<p>Text.</p>' },
      { kind: 'widget', name: 'live-thing' },
      { kind: 'html', html: '<p>More.</p>' },
    ]);
    expect(lesson.sections[1]?.blocks[0]).toMatchObject({ kind: 'html', html: expect.stringContaining('<td>1</td>') });
    expect(lessonWidgets(lesson)).toEqual(['live-thing']);
  });

  it('keeps ### headings inside their section', () => {
    const lesson = parseLesson(`${FRONT}## Part {#part}\n### Detail\nText.\n`);
    expect(lesson.sections).toHaveLength(1);
    expect(lesson.sections[0]?.blocks[0]).toEqual({ kind: 'html', html: '<h3>Detail</h3>\n<p>Text.</p>' });
  });

  it('makes each ### question of the self-check section a closed <details> holding its answer', () => {
    const lesson = parseLesson(
      `${FRONT}## Check yourself {#self-check}\nTry these.\n\n### Why *three*?\nSo both sides.\n\nTwo paragraphs.\n### Another?\nYes.\n`,
    );
    expect(lesson.sections[0]?.blocks).toEqual([
      {
        kind: 'html',
        html:
          '<p>Try these.</p>\n' +
          '<details class="self-check"><summary>Why <em>three</em>?</summary><p>So both sides.</p>\n<p>Two paragraphs.</p>\n</details>' +
          '<details class="self-check"><summary>Another?</summary><p>Yes.</p>\n</details>',
      },
    ]);
  });

  it('marks {{you.field|words}} for the page to fill with the reader’s own value', () => {
    const lesson = parseLesson(
      `${FRONT}Your page came over {{you.protocol|your protocol}} on stream {{you.stream|n}}.\n`,
    );
    expect(lesson.lead).toEqual([
      {
        kind: 'html',
        html: '<p>Your page came over <span class="you-value" data-you="protocol">your protocol</span> on stream <span class="you-value" data-you="stream">n</span>.</p>',
      },
    ]);
  });

  it.each([
    ['no front matter', '## A {#a}\n', /front matter/],
    ['a value of the reader’s it does not know', `${FRONT}{{you.address|x}}\n`, /names no value/],
    ['a widget among self-check answers', `${FRONT}## Check {#self-check}\n<!-- widget: w -->\n`, /no widget/],
    ['a missing description', '---\ntitle: T\nnavTitle: N\n---\n', /"description"/],
    ['a heading without an id', `${FRONT}## Untitled\n`, /needs an id/],
    ['an h1', `${FRONT}# Title\n`, /only h1/],
    ['raw HTML', `${FRONT}<div>hi</div>\n`, /raw HTML/],
    ['a repeated id', `${FRONT}## A {#a}\n## B {#a}\n`, /#a is used twice/],
  ])('rejects %s with a LessonFormatError', (_case, source, message) => {
    const error = thrownBy(() => parseLesson(source));
    expect(error).toBeInstanceOf(LessonFormatError);
    expect(error).toMatchObject({ code: 'WB_ERR_LESSON_FORMAT', message: expect.stringMatching(message) });
  });
});

describe('withSiteOrigin(html, origin)', () => {
  const html = parseLesson(
    "---\ntitle: t\nnavTitle: n\ndescription: d\n---\n```sh\nopenssl s_client -connect {{host}}:{{port}}\ncurl '{{origin}}/x?a=1&b=2'\n```\n",
  ).lead[0]!;

  it('fills the origin, host and port into a command, keeping the HTML escaping of the rest', () => {
    expect(html.kind === 'html' && withSiteOrigin(html.html, 'https://wirebook.example:8443')).toBe(
      '<pre><code class="language-sh">openssl s_client -connect wirebook.example:8443\ncurl &#39;https://wirebook.example:8443/x?a=1&amp;b=2&#39;\n</code></pre>',
    );
  });

  it("names the scheme's default port when the origin has none", () => {
    expect(withSiteOrigin('{{origin}} {{host}} {{port}}', 'https://wirebook.example')).toBe(
      'https://wirebook.example wirebook.example 443',
    );
  });

  it('leaves other braces alone', () => {
    expect(withSiteOrigin("curl -w '%{time_connect}' {{path}}", 'https://a.example')).toBe(
      "curl -w '%{time_connect}' {{path}}",
    );
  });
});
