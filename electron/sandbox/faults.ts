// Injected failures. Count-based faults are consumed one per matching request, oldest first; a fault with
// `skip` first lets that many matching requests pass untouched (the oldest matching fault decides).
import type { Fault, FaultTarget } from './types.ts';

export type RequestKind = 'read' | 'write';

/** A fault that decides what happens to a request after auth and the bucket. */
export type RequestFault = Extract<Fault, { kind: 'server-error' | 'drop-before-apply' | 'hang' | 'html-200' | 'unauthorized' }>;

/** A fault that decides how a points PUT the store has just applied is answered. */
export type AnswerFault = Extract<Fault, { kind: 'drop-after-apply' | 'empty-204' }>;

/** Faults that hold until cleared rather than for a count of requests. */
type StandingFault = Extract<Fault, { kind: 'latency' | 'wrong-address' | 'clock-offset' | 'points-keep-updated-at' }>;

export interface FaultState {
  latencyMs: number;
  wrongAddress: boolean;
  clockOffsetMs: number;
  pointsKeepUpdatedAt: boolean;
  pending: Exclude<Fault, StandingFault>[];
}

export function createFaultState(): FaultState {
  return { latencyMs: 0, wrongAddress: false, clockOffsetMs: 0, pointsKeepUpdatedAt: false, pending: [] };
}

export function addFault(faults: FaultState, fault: Fault): void {
  const problem = describeInvalidFault(fault);
  if (problem) throw new TypeError(`Invalid sandbox fault: ${problem}`);
  switch (fault.kind) {
    case 'latency':
      faults.latencyMs = fault.ms;
      return;
    case 'wrong-address':
      faults.wrongAddress = true;
      return;
    case 'clock-offset':
      faults.clockOffsetMs = fault.ms;
      return;
    case 'points-keep-updated-at':
      faults.pointsKeepUpdatedAt = true;
      return;
    default:
      faults.pending.push({ ...fault });
  }
}

export function clearFaults(faults: FaultState): void {
  faults.latencyMs = 0;
  faults.wrongAddress = false;
  faults.clockOffsetMs = 0;
  faults.pointsKeepUpdatedAt = false;
  faults.pending = [];
}

/** The Retry-After of a forced 429, or undefined when no rate-limit fault applies to this request. */
export function takeRateLimit(faults: FaultState): number | undefined {
  const fault = take(faults, (f) => f.kind === 'rate-limit');
  return fault?.kind === 'rate-limit' ? (fault.retryAfterSeconds ?? 1) : undefined;
}

export function takeRequestFault(faults: FaultState, kind: RequestKind): RequestFault | undefined {
  const fault = take(
    faults,
    (f) =>
      (f.kind === 'server-error' || f.kind === 'drop-before-apply' || f.kind === 'hang' || f.kind === 'html-200' || f.kind === 'unauthorized') &&
      targets(f.on, kind),
  );
  return fault as RequestFault | undefined;
}

/** Asked for a valid points PUT before it is applied: the delay of a late application, if one applies. */
export function takeLateApply(faults: FaultState): number | undefined {
  const fault = take(faults, (f) => f.kind === 'apply-late');
  return fault?.kind === 'apply-late' ? fault.delayMs : undefined;
}

/** Asked only for a points PUT that has just been applied successfully. */
export function takeAnswerFault(faults: FaultState): AnswerFault | undefined {
  return take(faults, (f) => f.kind === 'drop-after-apply' || f.kind === 'empty-204') as AnswerFault | undefined;
}

export function describeInvalidFault(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not an object';
  const fault = value as Record<string, unknown>;
  const isCount = (n: unknown) => Number.isInteger(n) && (n as number) >= 1;
  const isTarget = (t: unknown) => t === undefined || t === 'read' || t === 'write' || t === 'any';
  const skippable = ['rate-limit', 'server-error', 'drop-before-apply', 'hang', 'html-200', 'unauthorized', 'empty-204', 'apply-late'].includes(
    fault.kind as string,
  );
  if (fault.skip !== undefined) {
    if (!skippable) return `"skip" is not supported by ${JSON.stringify(fault.kind)}`;
    if (!Number.isInteger(fault.skip) || (fault.skip as number) < 0) return 'skip must be a non-negative integer';
  }
  switch (fault.kind) {
    case 'latency':
      return Number.isFinite(fault.ms) && (fault.ms as number) >= 0 ? undefined : 'latency needs ms >= 0';
    case 'rate-limit':
      if (!isCount(fault.count)) return 'count must be a positive integer';
      if (fault.retryAfterSeconds !== undefined && !((fault.retryAfterSeconds as number) > 0)) {
        return 'retryAfterSeconds must be positive';
      }
      return undefined;
    case 'server-error':
      if (fault.status !== 500 && fault.status !== 502 && fault.status !== 503) return 'status must be 500, 502 or 503';
      return isCount(fault.count) ? (isTarget(fault.on) ? undefined : 'bad "on"') : 'count must be a positive integer';
    case 'drop-before-apply':
    case 'hang':
    case 'html-200':
    case 'unauthorized':
      return isCount(fault.count) ? (isTarget(fault.on) ? undefined : 'bad "on"') : 'count must be a positive integer';
    case 'drop-after-apply':
    case 'empty-204':
      return isCount(fault.count) ? undefined : 'count must be a positive integer';
    case 'apply-late':
      if (!isCount(fault.count)) return 'count must be a positive integer';
      return Number.isFinite(fault.delayMs) && (fault.delayMs as number) >= 0 ? undefined : 'apply-late needs delayMs >= 0';
    case 'wrong-address':
    case 'points-keep-updated-at':
      return undefined;
    case 'clock-offset':
      return Number.isFinite(fault.ms) ? undefined : 'clock-offset needs ms (may be negative)';
    default:
      return `unknown kind ${JSON.stringify(fault.kind)}`;
  }
}

function targets(on: FaultTarget | undefined, kind: RequestKind): boolean {
  return on === undefined || on === 'any' || on === kind;
}

function take(faults: FaultState, matches: (fault: FaultState['pending'][number]) => boolean) {
  const index = faults.pending.findIndex(matches);
  if (index === -1) return undefined;
  const fault = faults.pending[index]!;
  if ('skip' in fault && fault.skip !== undefined && fault.skip > 0) {
    // This request passes untouched, and no later fault sees it either.
    faults.pending[index] = { ...fault, skip: fault.skip - 1 };
    return undefined;
  }
  if (fault.count <= 1) faults.pending.splice(index, 1);
  else faults.pending[index] = { ...fault, count: fault.count - 1 };
  return fault;
}
