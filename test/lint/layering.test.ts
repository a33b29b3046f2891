import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from '../../server/paths';

/**
 * The layering rules of DESIGN.md, enforced by `npm run lint`: each forbidden import fails, naming
 * its rule. ESLint is an ES module that jest's CommonJS runtime cannot load, so one child process
 * lints every case through ESLint's own API, as `npm run lint` would.
 */
const LINT_CASES = `
import { ESLint } from 'eslint';
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
const out = [];
for (const [file, specifier] of cases) {
  const [result] = await eslint.lintText("import { x } from '" + specifier + "';\\nexport const y = x;\\n", { filePath: file });
  out.push(result.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths' || m.ruleId === 'no-restricted-imports').map((m) => m.message));
}
process.stdout.write(JSON.stringify(out));
`;

const FORBIDDEN: [string, string, string][] = [
  ['server/example.ts', '../client/boot', 'layering: server/ never imports client/'],
  ['client/example.ts', '../server/config', 'layering: client/ never imports server/'],
  ['shared/example.ts', '../server/config', 'layering: shared/ is code both sides run'],
  ['shared/feed/example.ts', '../../pages/home/islands', 'layering: shared/ is code both sides run'],
  ['pages/home/example.tsx', './page.server', "layering: a page's *.server.tsx module runs only on the server"],
  ['client/example.ts', '../pages/home/page.server', "layering: a page's *.server.tsx module runs only on the server"],
  ['pages/home/example.tsx', '../../server/config', 'layering: pages/ run on both sides'],
  ['pages/home/example.tsx', '../../client/boot', 'layering: pages/ run on both sides'],
];
const ALLOWED: [string, string][] = [
  ['server/example.ts', '../shared/page'],
  ['server/example.ts', '../pages/home/page.server'],
  ['pages/home/example.tsx', './ReadersOnline'],
  ['client/example.ts', '../shared/page'],
  ['pages/home/example.tsx', '../../shared/page'],
];

let found: string[][];
beforeAll(() => {
  const cases = [...FORBIDDEN, ...ALLOWED].map(([file, specifier]) => [path.join(PROJECT_ROOT, file), specifier]);
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', LINT_CASES, JSON.stringify(cases)], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  found = JSON.parse(output) as string[][];
}, 60_000);

describe('layering', () => {
  it.each(FORBIDDEN.map((c, i) => [...c, i] as const))('%s importing %s fails: %s', (_file, _specifier, rule, i) => {
    expect(found[i]).toEqual([expect.stringContaining(rule)]);
  });

  it.each(ALLOWED.map((c, i) => [...c, FORBIDDEN.length + i] as const))('%s may import %s', (_file, _specifier, i) => {
    expect(found[i]).toEqual([]);
  });
});
