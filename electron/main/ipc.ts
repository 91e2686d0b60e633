// Serves the IPC contract: one ipcMain handler per channel, each answering only the app's own page
// (its main frame) and passing everything else to the desk's dispatch, which validates the input.

import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES, ipcChannel, type IpcResult } from '../ipc/contract.ts';
import type { Dispatch } from '../ipc/dispatch.ts';

const REFUSED: IpcResult<never> = {
  ok: false,
  error: { code: 'internal', message: 'Refused: the request did not come from the Loyalty Desk page' },
};

export function registerIpc(ipcMain: IpcMain, dispatch: Dispatch, isOwnPage: (url: string) => boolean): void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown) => {
      if (!isFromOwnPage(event, isOwnPage)) {
        console.error(`Loyalty Desk: refused ${name} from ${event.senderFrame?.url ?? 'a closed frame'}`);
        return REFUSED;
      }
      return dispatch(name, input);
    });
  }
}

/** Only the main frame of the app's page may call: not a subframe, nor a frame that navigated elsewhere. */
function isFromOwnPage(event: IpcMainInvokeEvent, isOwnPage: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isOwnPage(frame.url);
}
