// `npm run build` builds the client and the server, then records a hash of what it built from;
// `npm start` runs this with --if-stale, which builds only when that hash no longer matches the
// sources (or the build is missing). A content hash, not file times: a checkout, a branch switch
// or a copy changes times without changing what the build would produce.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** What the build reads, relative to the project root: sources, build code and settings, locked dependencies. */
export const BUILD_INPUTS = [
  'client',
  'server',
  'shared',
  'pages',
  'build',
  'webpack.config.ts',
  'tsconfig.base.json',
  'tsconfig.json',
  'tsconfig.server.json',
  'tsconfig.browser.json',
  'package-lock.json',
];
/** What a complete build has written: the client's manifest and the server's entry. */
export const BUILD_OUTPUTS = [
  path.join('dist', 'client', 'manifest.json'),
  path.join('dist', 'node', 'server', 'main.js'),
];
/** Where the hash of the inputs of the last complete build is kept. */
export const STAMP_FILE = path.join('dist', 'build-stamp.json');

/** Tests are not part of the build: editing one does not make it stale. */
const isTest = (file: string) => /\.test\.tsx?$/.test(file);

function filesUnder(root: string, relative: string): string[] {
  const full = path.join(root, relative);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [relative];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((entry) => filesUnder(root, path.join(relative, entry.name)))
    .filter((file) => !isTest(file));
}

/** A SHA-256 over the names and contents of every build input, in a fixed order. */
export function inputsHash(root: string): string {
  const hash = createHash('sha256');
  const files = BUILD_INPUTS.flatMap((input) => filesUnder(root, input)).sort();
  for (const file of files) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Why the build in `root` cannot be used as it is, or null when it is current. */
export function staleReason(root: string, hash = inputsHash(root)): string | null {
  const missing = BUILD_OUTPUTS.find((output) => !fs.existsSync(path.join(root, output)));
  if (missing) return `${missing} is missing`;
  const stampFile = path.join(root, STAMP_FILE);
  if (!fs.existsSync(stampFile)) return `${STAMP_FILE} is missing (built before it was kept, or a build was cut short)`;
  let recorded: unknown;
  try {
    recorded = (JSON.parse(fs.readFileSync(stampFile, 'utf8')) as { inputs?: unknown }).inputs;
  } catch {
    return `${STAMP_FILE} is unreadable`;
  }
  return recorded === hash ? null : 'the sources changed since the last build';
}

/** Records that the build in `root` was made from inputs with this hash. */
export function writeStamp(root: string, hash: string): void {
  fs.writeFileSync(
    path.join(root, STAMP_FILE),
    `${JSON.stringify({ inputs: hash, builtAt: new Date().toISOString() })}\n`,
  );
}

/** Builds the client and the server; the stamp is the hash from before, so an edit made during the build is seen next time. */
function build(root: string, hash: string): void {
  fs.rmSync(path.join(root, STAMP_FILE), { force: true });
  for (const script of ['build:client', 'build:server']) {
    const { status } = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
    if (status !== 0) process.exit(status ?? 1);
  }
  writeStamp(root, hash);
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const hash = inputsHash(root);
  if (process.argv.includes('--if-stale')) {
    const reason = staleReason(root, hash);
    if (reason === null) {
      process.stdout.write(`The build is current (sources ${hash.slice(0, 12)}); not rebuilding.\n`);
      process.exit(0);
    }
    process.stdout.write(`Building: ${reason}.\n`);
  }
  build(root, hash);
}
