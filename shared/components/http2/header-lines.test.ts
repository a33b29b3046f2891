import { http1Size, parseHeaderLines } from './header-lines';

describe('parseHeaderLines', () => {
  it('splits at the first colon after the first character, so pseudo-headers work', () => {
    expect(parseHeaderLines(':method: GET\n:authority: example.com:8443\r\n\n  user-agent:  curl/8 \n')).toEqual({
      headers: [
        { name: ':method', value: 'GET' },
        { name: ':authority', value: 'example.com:8443' },
        { name: 'user-agent', value: 'curl/8' },
      ],
      problems: [],
    });
  });

  it('reports bad lines by number instead of throwing', () => {
    expect(parseHeaderLines('accept\n: x\n:: x\nContent-Type: text/html\nok: 1\n:method GET\n:').problems).toEqual([
      { line: 1, kind: 'no-colon' },
      { line: 2, kind: 'empty-name' },
      { line: 3, kind: 'empty-name' },
      { line: 4, kind: 'upper-case', name: 'Content-Type' },
      { line: 6, kind: 'no-colon' },
      { line: 7, kind: 'empty-name' },
    ]);
  });

  it('allows an empty value', () => {
    expect(parseHeaderLines('x-empty:').headers).toEqual([{ name: 'x-empty', value: '' }]);
  });
});

describe('http1Size', () => {
  it('counts `name: value\\r\\n` in UTF-8 octets', () => {
    expect(http1Size([{ name: 'a', value: 'b' }])).toBe(6);
    expect(http1Size([{ name: 'x', value: 'é' }, { name: 'y', value: '' }])).toBe(7 + 5);
  });
});
