import { describe, expect, it } from 'vitest';
import { FrameMailbox } from '../../src/runtime/FrameMailbox';

function frame(generation: number, id: number) {
  return { generation, buffer: new ArrayBuffer(id), id };
}

describe('FrameMailbox', () => {
  it('gives the display the newest frame and hands buffers back only after it was shown', () => {
    const returned: number[] = [];
    const mailbox = new FrameMailbox<ReturnType<typeof frame>>((buffer) => returned.push(buffer.byteLength));
    mailbox.deliver(frame(1, 1));
    mailbox.deliver(frame(1, 2));
    expect(returned).toEqual([]);
    expect(mailbox.take(1)?.id).toBe(2);
    expect(returned).toEqual([]);
    mailbox.release();
    expect(returned.sort()).toEqual([1, 2]);
    expect(mailbox.take(1)).toBeNull();
  });

  it('discards frames of an older run and keeps a newer run’s frame until the display knows that run', () => {
    const returned: number[] = [];
    const mailbox = new FrameMailbox<ReturnType<typeof frame>>((buffer) => returned.push(buffer.byteLength));
    mailbox.deliver(frame(1, 1));
    expect(mailbox.take(2)).toBeNull();
    mailbox.release();
    expect(returned).toEqual([1]);
    mailbox.deliver(frame(3, 3));
    expect(mailbox.take(2)).toBeNull();
    expect(mailbox.hasPending).toBe(true);
    expect(mailbox.take(3)?.id).toBe(3);
  });

  it('hands back at once the buffers of an older run, so a reset never leaves the worker without one', () => {
    const returned: number[] = [];
    const mailbox = new FrameMailbox<ReturnType<typeof frame>>((buffer) => returned.push(buffer.byteLength));
    // Two frames of run 1 arrive before the display draws: the worker now holds neither buffer.
    mailbox.deliver(frame(1, 1));
    mailbox.deliver(frame(1, 2));
    // The run is reset before the display draws again: both buffers must go back without a shown frame.
    expect(mailbox.take(2)).toBeNull();
    expect(returned.sort()).toEqual([1, 2]);
    expect(mailbox.holdsBuffers).toBe(false);
  });

  it('forgets everything when cleared (the worker and its buffers are gone)', () => {
    const returned: number[] = [];
    const mailbox = new FrameMailbox<ReturnType<typeof frame>>((buffer) => returned.push(buffer.byteLength));
    mailbox.deliver(frame(1, 1));
    mailbox.take(1);
    mailbox.clear();
    mailbox.release();
    expect(returned).toEqual([]);
    expect(mailbox.hasPending).toBe(false);
  });
});
