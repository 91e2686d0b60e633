// Where the till's window opens: where the cashier left it, if that screen is still there and the window would
// be seen on it; otherwise on the primary display, which on a till with a customer-facing second screen is
// the cashier's. Electron-free (Electron's screen module shape as plain data), so it is tested in Node.

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The parts of Electron's Display this needs. */
export interface DisplayInfo {
  id: number;
  bounds: Rectangle;
  /** The display without the taskbar or dock. */
  workArea: Rectangle;
}

/** What is kept between starts (window-state.json). */
export interface SavedWindowState {
  bounds: Rectangle;
  /** The display the window was on, by Electron's id, and that display's bounds (ids can change across reboots). */
  displayId: number;
  displayBounds: Rectangle;
  maximized: boolean;
}

export interface WindowSize {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

export interface WindowPlacement {
  bounds: Rectangle;
  displayId: number;
  maximized: boolean;
  /** `saved`: where it was left; `moved_into_view`: on its display, pushed back inside; `primary`: the saved place is gone. */
  source: 'saved' | 'moved_into_view' | 'primary' | 'default';
}

/** Less of the window than this showing on its display counts as off-screen: the title bar could not be grabbed. */
const MIN_VISIBLE = { width: 120, height: 60 };

export function chooseWindowPlacement(saved: SavedWindowState | undefined, displays: readonly DisplayInfo[], primary: DisplayInfo, size: WindowSize): WindowPlacement {
  if (!saved) return { bounds: centred(primary.workArea, size.width, size.height, size), displayId: primary.id, maximized: false, source: 'default' };
  const display = findDisplay(saved, displays);
  if (display && visibleEnough(saved.bounds, display.workArea)) {
    const bounds = fitInside(saved.bounds, display.workArea, size);
    const source = sameRectangle(bounds, saved.bounds) ? 'saved' : 'moved_into_view';
    return { bounds, displayId: display.id, maximized: saved.maximized, source };
  }
  // The screen it was on is gone (a second screen unplugged), or the window would be off it: the cashier's screen.
  return { bounds: centred(primary.workArea, saved.bounds.width, saved.bounds.height, size), displayId: primary.id, maximized: saved.maximized, source: 'primary' };
}

/** The saved display by id; else one with the same bounds (Windows may renumber displays after a reboot). */
function findDisplay(saved: SavedWindowState, displays: readonly DisplayInfo[]): DisplayInfo | undefined {
  const byId = displays.find((display) => display.id === saved.displayId);
  if (byId && sameRectangle(byId.bounds, saved.displayBounds)) return byId;
  const byBounds = displays.find((display) => sameRectangle(display.bounds, saved.displayBounds));
  // An id whose display changed size (a resolution change) is still that display.
  return byBounds ?? byId;
}

function visibleEnough(bounds: Rectangle, area: Rectangle): boolean {
  const width = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  const height = Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y);
  return width >= MIN_VISIBLE.width && height >= MIN_VISIBLE.height;
}

/** The rectangle no larger than the area (and no smaller than the minimum the area allows), moved fully inside it. */
function fitInside(bounds: Rectangle, area: Rectangle, size: WindowSize): Rectangle {
  const width = clamp(bounds.width, Math.min(size.minWidth, area.width), area.width);
  const height = clamp(bounds.height, Math.min(size.minHeight, area.height), area.height);
  return {
    x: clamp(bounds.x, area.x, area.x + area.width - width),
    y: clamp(bounds.y, area.y, area.y + area.height - height),
    width,
    height,
  };
}

function centred(area: Rectangle, width: number, height: number, size: WindowSize): Rectangle {
  const w = clamp(width, Math.min(size.minWidth, area.width), area.width);
  const h = clamp(height, Math.min(size.minHeight, area.height), area.height);
  return { x: area.x + Math.floor((area.width - w) / 2), y: area.y + Math.floor((area.height - h) / 2), width: w, height: h };
}

/** A window-state.json's content as SavedWindowState, or undefined for anything else (a broken file opens a default window). */
export function parseWindowState(text: string): SavedWindowState | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  const bounds = rectangle(record['bounds']);
  const displayBounds = rectangle(record['displayBounds']);
  if (!bounds || !displayBounds || !Number.isInteger(record['displayId']) || typeof record['maximized'] !== 'boolean') return undefined;
  if (bounds.width <= 0 || bounds.height <= 0) return undefined;
  return { bounds, displayId: record['displayId'] as number, displayBounds, maximized: record['maximized'] };
}

function rectangle(value: unknown): Rectangle | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { x, y, width, height } = value as Record<string, unknown>;
  const all = [x, y, width, height];
  // Far-off numbers are a broken file, not a window.
  if (!all.every((part) => Number.isInteger(part) && Math.abs(part as number) < 100_000)) return undefined;
  return { x: x as number, y: y as number, width: width as number, height: height as number };
}

function sameRectangle(a: Rectangle, b: Rectangle): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}
