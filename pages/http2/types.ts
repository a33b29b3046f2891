import type { LabSettings } from '../../shared/page';

export interface Http2PageData {
  labs: LabSettings;
  /** This page's own scripts and styles: what its 103 Early Hints names. */
  assets: string[];
}
