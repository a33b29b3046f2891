import fs from 'node:fs';
import path from 'node:path';
import type { BuildManifest } from '../build/manifest-plugin';
import type { AssetInfo } from '../shared/page';

export interface StaticVariant {
  file: string;
  size: number;
  /** Strong, and different for each content coding of one file (RFC 9110 §8.8.3). */
  etag: string;
}

/** One file of the client build, with its precompressed copies when the build made them. */
export interface StaticFile extends StaticVariant {
  contentType: string;
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
  /** The URL of a locale's search index, fetched by the search box when the reader first uses it. */
  searchIndex(locale: string): string | null;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

export class ClientBuildMissingError extends Error {
  readonly code = 'WB_ERR_NO_BUILD';
}

// Names carry a content hash, so the name, the coding and the size make a strong validator.
const etagOf = (name: string, size: number, coding: string) =>
  `"${name}-${size.toString(16)}${coding ? `-${coding}` : ''}"`;

function variant(file: string, name: string, coding: string): StaticVariant | null {
  try {
    const { size } = fs.statSync(file);
    return { file, size, etag: etagOf(name, size, coding) };
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
    files.set(`/assets/${name}`, {
      ...(variant(file, name, '') as StaticVariant),
      contentType,
      br: variant(`${file}.br`, name, 'br'),
      gzip: variant(`${file}.gz`, name, 'gzip'),
    });
  }
  const info = (url: string, kind: AssetInfo['kind']): AssetInfo => {
    const file = files.get(url);
    return {
      url,
      kind,
      bytes: file?.size ?? 0,
      gzipBytes: file?.gzip?.size ?? null,
      brotliBytes: file?.br?.size ?? null,
    };
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
    sharedStyles: entries[0]?.css.filter((url) => entries.every((e) => e.css.includes(url))) ?? [],
    searchIndex: (locale) => manifest.search?.[locale] ?? null,
  };
}
