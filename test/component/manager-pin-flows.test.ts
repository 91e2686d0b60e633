// The manager PIN where the cashier meets it: chosen with the token when a store is connected, and asked in
// the confirm step of an adjustment above the limit (then the change is sent, and the unlock ended).
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdjustmentInput, IpcResult } from '../../electron/ipc/contract.ts';
import AdjustmentPanel from '../../renderer/src/AdjustmentPanel.svelte';
import { DeskError } from '../../renderer/src/api.ts';
import ConnectStoreForm from '../../renderer/src/ConnectStoreForm.svelte';
import { deskStatus, memberProfile } from './fixtures.ts';
import { DEFAULT_RULES } from '../../electron/loyalty/rules.ts';

const fake = vi.hoisted(() => ({ connectStore: vi.fn(), unlockSettings: vi.fn(), lockSettings: vi.fn() }));
vi.mock('../../renderer/src/api.ts', async (importActual) => ({ ...(await importActual<object>()), api: fake }));
const ok = <T>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value });

beforeEach(() => {
  for (const mock of Object.values(fake)) mock.mockReset();
  fake.unlockSettings.mockImplementation(() => ok(deskStatus({ pinSet: true, unlocked: true })));
  fake.lockSettings.mockImplementation(() => ok(deskStatus({ pinSet: true })));
  fake.connectStore.mockImplementation(() => ok(deskStatus({ pinSet: true })));
});

describe('connecting a store', () => {
  it('asks for a new PIN twice and sends nothing until it is 6 to 12 digits and typed the same', async () => {
    const onconnected = vi.fn();
    render(ConnectStoreForm, { submitLabel: 'Kết nối', needsPin: true, onconnected });
    const token = screen.getByLabelText('Token ứng dụng riêng Haravan');
    const pin = screen.getByLabelText('Mã PIN quản lý mới');
    const repeat = screen.getByLabelText('Nhập lại mã PIN');
    await fireEvent.input(token, { target: { value: 'tok-1234567890' } });
    await fireEvent.input(pin, { target: { value: '1234' } });
    await fireEvent.submit(token.closest('form')!);
    expect(screen.getByRole('alert').textContent).toBe('Mã PIN gồm 6 đến 12 chữ số.');
    await fireEvent.input(pin, { target: { value: '246813' } });
    await fireEvent.input(repeat, { target: { value: '246814' } });
    await fireEvent.submit(token.closest('form')!);
    expect(screen.getByRole('alert').textContent).toBe('Hai mã PIN không giống nhau.');
    expect(fake.connectStore).not.toHaveBeenCalled();
    await fireEvent.input(repeat, { target: { value: '246813' } });
    await fireEvent.submit(token.closest('form')!);
    await waitFor(() => expect(onconnected).toHaveBeenCalledOnce());
    expect(fake.connectStore).toHaveBeenCalledWith({ token: 'tok-1234567890', pin: '246813' });
  });

  it('asks for no PIN when one is set (a new token for the same till)', async () => {
    render(ConnectStoreForm, { submitLabel: 'Kết nối', needsPin: false, onconnected: vi.fn() });
    expect(screen.queryByLabelText('Mã PIN quản lý mới')).toBeNull();
    await fireEvent.input(screen.getByLabelText('Token ứng dụng riêng Haravan'), { target: { value: 'tok-1234567890' } });
    await fireEvent.submit(screen.getByLabelText('Token ứng dụng riêng Haravan').closest('form')!);
    await waitFor(() => expect(fake.connectStore).toHaveBeenCalledWith({ token: 'tok-1234567890' }));
  });
});

describe('an adjustment above the limit', () => {
  it('asks for the PIN in the confirm step, then sends the change and ends the unlock', async () => {
    let calls = 0;
    const send = vi.fn(async (_input: AdjustmentInput) => {
      calls += 1;
      if (calls === 1) throw new DeskError({ code: 'pin_required', message: 'pin', detail: 'over_limit' });
    });
    render(AdjustmentPanel, {
      kind: 'add',
      member: memberProfile(),
      rules: { ...DEFAULT_RULES, salesRecordedInHaravan: false },
      confirmAbovePoints: 100_000,
      pinAbovePoints: 10_000,
      offlineRedeemCapPoints: 5000,
      send,
      oncancel: vi.fn(),
    });
    await fireEvent.input(screen.getByLabelText('Số điểm cộng'), { target: { value: '12000' } });
    await fireEvent.submit(screen.getByLabelText('Số điểm cộng').closest('form')!);
    // Above the PIN limit the change always goes through the confirm step.
    const confirm = await screen.findByRole('dialog', { name: 'Xác nhận cộng điểm' });
    await fireEvent.click(screen.getByRole('button', { name: /Cộng 12\.000 điểm/ }));
    await waitFor(() => expect(screen.getByText('Thay đổi hơn 10.000 điểm một lần cần mã PIN quản lý.')).toBeTruthy());
    expect(confirm.querySelector('button[disabled]')).toBeTruthy();
    await fireEvent.input(screen.getByLabelText('Mã PIN quản lý'), { target: { value: '246813' } });
    await fireEvent.submit(screen.getByLabelText('Mã PIN quản lý').closest('form')!);
    await waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    await tick();
    expect(fake.unlockSettings).toHaveBeenCalledWith({ pin: '246813' });
    await waitFor(() => expect(fake.lockSettings).toHaveBeenCalledOnce());
  });
});
