// Connections for the client's transport that fail on cue with a system error code, at the moment a real
// network would: before the connection opens (a route that is gone, a refused port), or after the request
// has been written and the store has answered (the answer is lost on the way back). The transport must
// tell the two apart by what happened on the socket, whatever the code says.
import { createConnection, type NetConnectOpts, type Socket } from 'node:net';
import type { RequestOptions } from 'node:http';
import { createTransport } from '../../../electron/haravan/transport.ts';

export type ConnectionFault = { when: 'before-connect' | 'after-answer'; code: string };

export function faultyConnections() {
  const queue: ConnectionFault[] = [];
  const opened = { count: 0 };
  const connect = (options: RequestOptions): Socket => {
    opened.count += 1;
    const socket = createConnection(options as NetConnectOpts);
    const fault = queue.shift();
    if (!fault) return socket;
    const error = Object.assign(new Error(`${fault.when === 'before-connect' ? 'connect' : 'read'} ${fault.code}`), {
      code: fault.code,
      syscall: fault.when === 'before-connect' ? 'connect' : 'read',
    });
    if (fault.when === 'before-connect') {
      process.nextTick(() => socket.destroy(error));
      return socket;
    }
    // The store's answer arrives, and the connection fails before the client reads it.
    const emit = socket.emit.bind(socket);
    socket.emit = ((event: string, ...args: unknown[]) => {
      if (event === 'data') {
        socket.destroy(error);
        return true;
      }
      return emit(event, ...args);
    }) as typeof socket.emit;
    return socket;
  };
  return {
    /** The next connection opened fails this way. */
    fail: (fault: ConnectionFault) => queue.push(fault),
    opened,
    transport: createTransport({ createConnection: connect }),
  };
}
