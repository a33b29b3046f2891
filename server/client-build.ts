import fs from 'node:fs';
import path from 'node:path';
import type { BuildManifest } from '../build/manifest-plugin';
import type { AssetInfo } from '../shared/page';

export interface StaticVariant {
  file: string;
  size: number;
}

/** One file of the client build, with its precompressed copies when the build made them. */
export interface StaticFile extends StaticVariant {
  contentType: string;
  etag: string;
  br: StaticVariant | null;
  gzip: StaticVariant | null;
}

export interface ClientBuild {
  manifest: BuildManifest;
  /** Every servable file by URL path (`/assets/...`): what is not here is not served. */
  files: Map<string, StaticFile>;
  /** Scripts and styles of an entry, with their sizes; empty for an entry the build does not have. */
  assetsOf(entry: string): AssetInfo[];
  /** Styles every entry loads (the shared layout's), for documents that are not pages. */
  sharedStyles: string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export class ClientBuildMissingError extends Error {
  readonly code = 'WB_ERR_NO_BUILD';
}

function variant(file: string): StaticVariant | null {
  try {
    return { file, size: fs.statSync(file).size };
  } catch {
    return null;
  }
}

/**
 * Reads the client build once at start-up: the manifest, and the list of files with their sizes,
 * types and precompressed variants, so serving a file needs no disk lookup but the read.
 */
export function loadClientBuild(dir: string): ClientBuild {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new ClientBuildMissingError(`no client build at ${dir}: run "npm run build" first`);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BuildManifest;
  const files = new Map<string, StaticFile>();
  const assetsDir = path.join(dir, 'assets');
  for (const name of fs.readdirSync(assetsDir)) {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (!contentType) continue; // .br/.gz are variants, not files of their own
    const file = path.join(assetsDir, name);
    const stat = fs.statSync(file);
    files.set(`/assets/${name}`, {
      file,
      size: stat.size,
      contentType,
      // Names carry a content hash, so name and size make a strong validator.
      etag: `"${name}-${stat.size.toString(16)}"`,
      br: variant(`${file}.br`),
      gzip: variant(`${file}.gz`),
    });
  }
  const info = (url: string, kind: AssetInfo['kind']): AssetInfo => {
    const file = files.get(url);
    return { url, kind, bytes: file?.size ?? 0, gzipBytes: file?.gzip?.size ?? null, brotliBytes: file?.br?.size ?? null };
  };
  const entries = Object.values(manifest.entries);
  return {
    manifest,
    files,
    assetsOf: (entry) => {
      const assets = manifest.entries[entry];
      if (!assets) return [];
      return [...assets.css.map((url) => info(url, 'style')), ...assets.js.map((url) => info(url, 'script'))];
    },
    sharedStyles: entries.length === 0 ? [] : entries[0].css.filter((url) => entries.every((e) => e.css.includes(url))),
  };
}
