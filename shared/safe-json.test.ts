import fc from 'fast-check';
import { serializeForScript } from './safe-json';

describe('serializeForScript(value)', () => {
  it('cannot close the script element it sits in', () => {
    const out = serializeForScript({ text: '</script><script>alert(1)</script><!--' });
    expect(out).not.toMatch(/<|>/);
    expect(out).toBe('{"text":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u003c!--"}');
  });

  it('escapes &, U+2028 and U+2029', () => {
    expect(serializeForScript('a&b\u2028c\u2029')).toBe('"a\\u0026b\\u2028c\\u2029"');
  });

  it('is pure ASCII: every other character escaped, surrogate pairs as two units', () => {
    expect(serializeForScript({ 中: '文 · ’😀' })).toBe('{"\\u4e2d":"\\u6587 \\u00b7 \\u2019\\ud83d\\ude00"}');
    expect(JSON.parse(serializeForScript({ 中: '文 · ’😀' }))).toEqual({ 中: '文 · ’😀' });
  });

  it('round-trips any JSON value through JSON.parse, with no unsafe character left', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        const out = serializeForScript(value);
        expect(out).not.toMatch(/[<>&\u0080-\uffff]/);
        expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
