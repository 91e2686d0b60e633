// The run marker on disk: a run that ends without quitting (a crash) makes the next start open on the screen
// it was on; a clean quit does not.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRunMarker } from '../../electron/crash/run-marker.ts';

const root = mkdtempSync(join(tmpdir(), 'loyalty-desk-run-marker-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the run marker', () => {
  it('opens on the screen a crashed run was on, and as usual after a clean quit', () => {
    const file = join(root, 'a', 'run-state.json');
    const first = openRunMarker(file);
    expect(first).toMatchObject({ previousRunCrashed: false, restoreScreen: undefined });
    first.setScreen('cashier');
    first.setScreen('journal');
    // The process dies here: nothing else is written.

    const afterCrash = openRunMarker(file);
    expect(afterCrash).toMatchObject({ previousRunCrashed: true, restoreScreen: 'journal' });
    expect(afterCrash.screen()).toBe('journal');
    afterCrash.setScreen('settings/store');
    afterCrash.closeCleanly();

    const afterQuit = openRunMarker(file);
    expect(afterQuit).toMatchObject({ previousRunCrashed: false, restoreScreen: undefined });
    expect(afterQuit.screen()).toBeUndefined();
  });

  it('keeps only screen names, never text typed at the till, and survives a broken file', () => {
    const file = join(root, 'b', 'run-state.json');
    const marker = openRunMarker(file);
    marker.setScreen('cashier');
    marker.setScreen('0909 977 921');
    marker.setScreen('x'.repeat(100));
    expect(marker.screen()).toBe('cashier');
    expect(readFileSync(file, 'utf8')).toBe('{"running":true,"screen":"cashier"}');

    writeFileSync(file, '{"running":tru');
    expect(openRunMarker(file)).toMatchObject({ previousRunCrashed: false, restoreScreen: undefined });
    writeFileSync(file, JSON.stringify({ running: true, screen: '<script>' }));
    expect(openRunMarker(file)).toMatchObject({ previousRunCrashed: true, restoreScreen: undefined });
  });
});
