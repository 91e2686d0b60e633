// Where the till's window opens, given what was saved and the displays there are now: where it was left, or
// on the primary display (the cashier's screen) when its screen is gone or it would be off-screen.

import { describe, expect, it } from 'vitest';
import { chooseWindowPlacement, parseWindowState, type DisplayInfo, type SavedWindowState } from '../../electron/window/bounds.ts';

const SIZE = { width: 1280, height: 800, minWidth: 960, minHeight: 640 };
/** The cashier's screen, with a 40 px taskbar at the bottom. */
const CASHIER: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
/** A customer-facing screen to the right. */
const CUSTOMER: DisplayInfo = { id: 2, bounds: { x: 1920, y: 0, width: 1024, height: 768 }, workArea: { x: 1920, y: 0, width: 1024, height: 768 } };

function saved(bounds: SavedWindowState['bounds'], display: DisplayInfo = CASHIER, maximized = false): SavedWindowState {
  return { bounds, displayId: display.id, displayBounds: display.bounds, maximized };
}

describe('the window’s place at start', () => {
  it('is centred on the primary display at the default size the first time', () => {
    expect(chooseWindowPlacement(undefined, [CASHIER, CUSTOMER], CASHIER, SIZE)).toEqual({
      bounds: { x: 320, y: 120, width: 1280, height: 800 },
      displayId: 1,
      maximized: false,
      source: 'default',
    });
  });

  it('is where the cashier left it, maximized or not, when that screen is still there', () => {
    const left = saved({ x: 100, y: 50, width: 1400, height: 900 }, CASHIER, true);
    expect(chooseWindowPlacement(left, [CASHIER, CUSTOMER], CASHIER, SIZE)).toEqual({ bounds: left.bounds, displayId: 1, maximized: true, source: 'saved' });
    // Left on the second screen on purpose: it opens there while that screen is there.
    const onSecond = saved({ x: 1950, y: 10, width: 960, height: 700 }, CUSTOMER);
    expect(chooseWindowPlacement(onSecond, [CASHIER, CUSTOMER], CASHIER, SIZE)).toMatchObject({ bounds: onSecond.bounds, displayId: 2, source: 'saved' });
  });

  it('opens on the cashier’s screen when the screen it was on is gone, keeping its size', () => {
    const onSecond = saved({ x: 1950, y: 10, width: 1000, height: 700 }, CUSTOMER);
    expect(chooseWindowPlacement(onSecond, [CASHIER], CASHIER, SIZE)).toEqual({
      bounds: { x: 460, y: 170, width: 1000, height: 700 },
      displayId: 1,
      maximized: false,
      source: 'primary',
    });
  });

  it('opens on the cashier’s screen when the saved place would be off every screen', () => {
    const offScreen = saved({ x: 5000, y: 3000, width: 1280, height: 800 });
    expect(chooseWindowPlacement(offScreen, [CASHIER, CUSTOMER], CASHIER, SIZE)).toMatchObject({ displayId: 1, source: 'primary', bounds: { x: 320, y: 120 } });
    // Only a sliver showing (the title bar out of reach) counts as off-screen too.
    const sliver = saved({ x: 1880, y: 1000, width: 1280, height: 800 });
    expect(chooseWindowPlacement(sliver, [CASHIER], CASHIER, SIZE)).toMatchObject({ source: 'primary' });
  });

  it('is pushed back inside its screen when partly off it, and shrunk to a screen smaller than it', () => {
    const hanging = saved({ x: 1200, y: 600, width: 1280, height: 800 });
    expect(chooseWindowPlacement(hanging, [CASHIER], CASHIER, SIZE)).toEqual({
      bounds: { x: 640, y: 240, width: 1280, height: 800 },
      displayId: 1,
      maximized: false,
      source: 'moved_into_view',
    });
    // The cashier's screen went down to 1024x768 since.
    const small: DisplayInfo = { id: 1, bounds: { x: 0, y: 0, width: 1024, height: 768 }, workArea: { x: 0, y: 0, width: 1024, height: 728 } };
    const big = saved({ x: 100, y: 50, width: 1400, height: 900 });
    expect(chooseWindowPlacement(big, [small], small, SIZE)).toEqual({ bounds: { x: 0, y: 0, width: 1024, height: 728 }, displayId: 1, maximized: false, source: 'moved_into_view' });
  });

  it('finds its screen by position when Windows renumbered the displays', () => {
    const renumbered: DisplayInfo = { ...CUSTOMER, id: 7 };
    const onSecond = saved({ x: 1950, y: 10, width: 960, height: 700 }, CUSTOMER);
    expect(chooseWindowPlacement(onSecond, [CASHIER, renumbered], CASHIER, SIZE)).toMatchObject({ displayId: 7, source: 'saved' });
    // Id 2 now belongs to a screen somewhere else: the one at the saved position wins.
    const moved: DisplayInfo = { ...CUSTOMER, bounds: { x: -1024, y: 0, width: 1024, height: 768 }, workArea: { x: -1024, y: 0, width: 1024, height: 768 } };
    expect(chooseWindowPlacement(onSecond, [CASHIER, moved, renumbered], CASHIER, SIZE)).toMatchObject({ displayId: 7 });
  });
});

describe('the saved file', () => {
  it('is read back as saved, and anything broken opens a default window', () => {
    const state = saved({ x: 10, y: 20, width: 1000, height: 700 }, CUSTOMER, true);
    expect(parseWindowState(JSON.stringify(state))).toEqual(state);
    for (const broken of ['', '{', 'null', '[]', JSON.stringify({ ...state, bounds: { x: 'a' } }), JSON.stringify({ ...state, maximized: 'yes' }), JSON.stringify({ ...state, bounds: { x: 0, y: 0, width: 0, height: 700 } }), JSON.stringify({ ...state, bounds: { x: 1e9, y: 0, width: 100, height: 100 } })]) {
      expect(parseWindowState(broken), broken).toBeUndefined();
    }
  });
});
