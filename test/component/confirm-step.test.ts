import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import ConfirmStep from '../../renderer/src/ConfirmStep.svelte';
import { NBSP } from './fixtures.ts';

/** A send the test finishes by hand, to hold the step in its "sending" state. */
function deferredSend() {
  let finish = () => {};
  const send = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
  return { send, finish: () => finish() };
}

function renderStep(onconfirm: () => Promise<void>, problem = '') {
  const onback = vi.fn();
  const view = render(ConfirmStep, {
    kind: 'redeem',
    memberName: 'Nguyễn Văn An',
    points: 100,
    moneyLine: '= giảm 100.000 ₫ trên hoá đơn',
    orderRef: 'HD1234',
    reason: 'Đổi điểm đơn #HD1234',
    balanceAfter: 6000,
    problem,
    pinPrompt: undefined,
    onconfirm,
    onunlocked: () => {},
    onback,
  });
  return { ...view, onback, dialog: screen.getByRole('dialog', { name: 'Xác nhận đổi điểm' }) };
}

const enter = (target: Element, init: KeyboardEventInit = {}) => fireEvent.keyDown(target, { key: 'Enter', ...init });

describe('the confirm step', () => {
  it('shows who, how many points and their worth, the order, the reason and the balance after', () => {
    renderStep(vi.fn(async () => {}));
    expect(screen.getByTestId('confirm-member').textContent).toBe('Nguyễn Văn An');
    expect(screen.getByTestId('confirm-points').textContent?.replace(/\s+/g, ' ').trim()).toBe('−100 = giảm 100.000 ₫ trên hoá đơn');
    expect(screen.getByTestId('confirm-order').textContent).toBe('HD1234');
    expect(screen.getByTestId('confirm-reason').textContent).toBe('Đổi điểm đơn #HD1234');
    expect(screen.getByTestId('confirm-balance-after').textContent).toBe('6.000 điểm');
  });

  it('opens with the confirm button focused, and Enter confirms once', async () => {
    const send = vi.fn(async () => {});
    renderStep(send);
    await tick();
    const confirm = screen.getByRole('button', { name: /Đổi 100 điểm/ });
    expect(document.activeElement).toBe(confirm);
    await enter(confirm);
    expect(send).toHaveBeenCalledOnce();
  });

  it('sends once for a double Enter or a double click while the first is on its way', async () => {
    const { send, finish } = deferredSend();
    const { dialog } = renderStep(send);
    const confirm = screen.getByRole('button', { name: /Đổi 100 điểm/ });
    await enter(dialog);
    await enter(dialog);
    await fireEvent.click(confirm);
    expect(send).toHaveBeenCalledOnce();
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    expect(confirm.textContent).toContain('Đang gửi…');
    expect((screen.getByRole('button', { name: /Quay lại/ }) as HTMLButtonElement).disabled).toBe(true);
    finish();
  });

  it('ignores a held Enter (key repeat)', async () => {
    const send = vi.fn(async () => {});
    const { dialog } = renderStep(send);
    await enter(dialog, { repeat: true });
    expect(send).not.toHaveBeenCalled();
  });

  it('goes back with Escape, or Enter on the Back button, without sending', async () => {
    const send = vi.fn(async () => {});
    const { dialog, onback } = renderStep(send);
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onback).toHaveBeenCalledOnce();
    await enter(screen.getByRole('button', { name: /Quay lại/ }));
    expect(send).not.toHaveBeenCalled();
  });

  it('shows why an attempt failed and lets Enter try again', async () => {
    const send = vi.fn(async () => {});
    const { dialog, rerender } = renderStep(send);
    await enter(dialog);
    await rerender({ problem: 'Không kết nối được cửa hàng, chưa có gì thay đổi.' });
    expect(screen.getByRole('alert').textContent).toContain('Không kết nối được cửa hàng');
    await enter(dialog);
    expect(send).toHaveBeenCalledTimes(2);
  });
});
