// What an update's install must wait for, read through the desk's own channels: a shift open, a journal
// entry sending or unclear. The status counts entries being sent together with those waiting to be, so every
// one of them counts as possibly sending: the safe reading.

import type { Dispatch } from '../ipc/dispatch.ts';
import type { DeskStatus, IpcResult, Shift } from '../ipc/contract.ts';
import type { TillState } from '../updates/decide.ts';

export async function tillState(dispatch: Dispatch): Promise<TillState | undefined> {
  const status = (await dispatch('getStatus', undefined)) as IpcResult<DeskStatus>;
  if (!status.ok) return undefined;
  const { mode, journal } = status.value;
  const counts = { journalSending: journal.pending, journalUncertain: journal.uncertain };
  // No store and no Training: no shift can be open.
  if (mode === 'none') return { shiftOpen: false, ...counts };
  const shift = (await dispatch('getShift', undefined)) as IpcResult<Shift | null>;
  return shift.ok ? { shiftOpen: shift.value !== null, ...counts } : undefined;
}
