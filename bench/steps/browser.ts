export interface BrowserFigures {
  /** Click Run on TopTalkers → first result rows painted, minus the engine's own run time (ms). */
  uiOverheadMs?: number;
  clickToRowsMs?: number;
  engineMs?: number;
  /** requestAnimationFrame deltas while scrolling 10,000 result rows. */
  scrollFrameP50Ms?: number;
  scrollFrameP95Ms?: number;
  skipped?: string;
}

export interface BrowserOptions {
  localEndpoint: string;
  workGroup: string;
  database: string;
  table: string;
  progress: (line: string) => void;
}

export async function measureBrowser(options: BrowserOptions): Promise<BrowserFigures> {
  void options;
  return { skipped: 'browser figures: not measured yet' };
}
