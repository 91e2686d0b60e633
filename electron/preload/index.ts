// The renderer's only way into the main process: one function per contract channel, each bound to
// its own channel string. No generic invoke or send is exposed, so a compromised page can reach
// nothing but the contract (whose input the main process validates).

import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL, CHANNEL_NAMES, ipcChannel, type LoyaltyDeskApi } from '../ipc/contract.ts';

const api = Object.fromEntries(
  CHANNEL_NAMES.map((name) => {
    const channel = ipcChannel(name);
    return [name, (input?: unknown) => ipcRenderer.invoke(channel, input)];
  }),
) as LoyaltyDeskApi;

contextBridge.exposeInMainWorld(API_GLOBAL, api);
