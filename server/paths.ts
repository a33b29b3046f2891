import fs from 'node:fs';
import path from 'node:path';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

/** The checkout: where pages' prose, the build output and the dev certificate live. */
export const PROJECT_ROOT = findProjectRoot(__dirname);
/** Where the code of pages/ is required from: the sources under tsx/jest, dist/node/pages once compiled. */
export const PAGES_CODE_DIR = path.resolve(__dirname, '..', 'pages');
/** Where pages' prose and styles are read from: always the sources. */
export const PAGES_DIR = path.join(PROJECT_ROOT, 'pages');
/** The client build: hashed assets and the manifest. */
export const CLIENT_BUILD_DIR = path.join(PROJECT_ROOT, 'dist', 'client');
/** The development client build `npm run dev` keeps up to date; never served in production. */
export const DEV_CLIENT_BUILD_DIR = path.join(PROJECT_ROOT, '.build', 'dev', 'client');
