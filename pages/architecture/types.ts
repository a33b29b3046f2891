import type { AssetInfo } from '../../shared/page';

export interface ArchitectureData {
  assets: AssetInfo[];
}
