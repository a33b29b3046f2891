import type { Compiler } from 'webpack';
import { SEARCH_INDEX_FILE } from './search-index-plugin';

/** The build manifest: each webpack entry's script and style URLs, in load order; each locale's search index. */
export interface BuildManifest {
  entries: Record<string, { js: string[]; css: string[] }>;
  search: Record<string, string>;
}

export const MANIFEST_FILE = 'manifest.json';

/** Writes manifest.json from the entrypoints webpack actually emitted (hashed names included). */
export class ManifestPlugin {
  constructor(private readonly publicPath: string) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('ManifestPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'ManifestPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => {
          const manifest: BuildManifest = { entries: {}, search: {} };
          for (const [name, entrypoint] of compilation.entrypoints) {
            const files = entrypoint.getFiles().map((file) => this.publicPath + file);
            manifest.entries[name] = {
              js: files.filter((file) => file.endsWith('.js')),
              css: files.filter((file) => file.endsWith('.css')),
            };
          }
          for (const { name } of compilation.getAssets()) {
            const locale = SEARCH_INDEX_FILE.exec(name)?.[1];
            if (locale) manifest.search[locale] = this.publicPath + name;
          }
          // Beside assets/, not in it: the manifest is not a hashed, immutable file.
          compilation.emitAsset(`../${MANIFEST_FILE}`, new sources.RawSource(JSON.stringify(manifest, null, 2)));
        },
      );
    });
  }
}
