// Where the dashboard's panels go, declared once as a grid: the map on the left sized to its cells, a
// column of panels on the right, the status line along the bottom (issue 7; STYLE rule 12). Pure: the
// renderer asks for rectangles whenever the terminal is resized.
//
// The smallest terminal is 80 x 24: a 20 x 20 grid at two characters a cell takes 42 x 22 with its
// border (the selected mote is named in the border), leaving 38 columns for the right-hand panels,
// which need 36 x 22; the status line and the key help take the last two rows.

export const MIN_WIDTH = 80;
export const MIN_HEIGHT = 24;

export type PanelId = 'map' | 'propagation' | 'traffic' | 'energy' | 'events' | 'status';

export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

interface Track {
  readonly id: PanelId;
  /** Rows including the border; 'rest' takes what the fixed tracks leave (at least `min`). */
  readonly rows: number | 'rest';
  readonly min?: number;
}

/** The right-hand column, top to bottom. */
export const RIGHT_COLUMN: readonly Track[] = [
  { id: 'propagation', rows: 6 },
  { id: 'traffic', rows: 4 },
  { id: 'energy', rows: 6 },
  { id: 'events', rows: 'rest', min: 6 },
];
const RIGHT_MIN_WIDTH = 36;
/** Wide enough for the selected mote's label on the map's border. */
const MAP_MIN_WIDTH = 30;
const CELL_WIDTH = 2;
/** The status line and the key help. */
const STATUS_ROWS = 2;
const BORDER = 2;

export type Placement = { readonly ok: true; readonly rects: Readonly<Record<PanelId, Rect>> } | { readonly ok: false; readonly message: string };

export function tooSmallMessage(width: number, height: number): string {
  return `This terminal is ${width}x${height}; the dashboard needs at least ${MIN_WIDTH}x${MIN_HEIGHT}. Enlarge it, or press q to quit.`;
}

/** How many map cells fit across and down at this terminal size. */
export function mapCapacity(width: number, height: number): { cols: number; rows: number } {
  return {
    cols: Math.max(1, Math.floor((width - RIGHT_MIN_WIDTH - BORDER) / CELL_WIDTH)),
    rows: Math.max(1, height - STATUS_ROWS - BORDER),
  };
}

/** Rectangles for every panel, given the map's width in cells; or why the terminal is too small. */
export function placePanels(width: number, height: number, mapCols: number): Placement {
  if (width < MIN_WIDTH || height < MIN_HEIGHT) return { ok: false, message: tooSmallMessage(width, height) };
  const body = height - STATUS_ROWS;
  const mapWidth = Math.min(width - RIGHT_MIN_WIDTH, Math.max(MAP_MIN_WIDTH, mapCols * CELL_WIDTH + BORDER));
  const rects: Partial<Record<PanelId, Rect>> = {
    map: { left: 0, top: 0, width: mapWidth, height: body },
    status: { left: 0, top: body, width, height: STATUS_ROWS },
  };
  const fixed = RIGHT_COLUMN.reduce((sum, t) => sum + (t.rows === 'rest' ? 0 : t.rows), 0);
  let top = 0;
  for (const track of RIGHT_COLUMN) {
    const rows = track.rows === 'rest' ? Math.max(track.min ?? 0, body - fixed) : track.rows;
    rects[track.id] = { left: mapWidth, top, width: width - mapWidth, height: rows };
    top += rows;
  }
  return { ok: true, rects: rects as Record<PanelId, Rect> };
}
