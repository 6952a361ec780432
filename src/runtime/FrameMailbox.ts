/** The part of a frame the mailbox needs: its buffer (to hand back) and its run generation. */
export interface MailboxFrame {
  readonly generation: number;
  readonly buffer: ArrayBuffer;
}

/**
 * Holds frames from the worker until the display takes one, keeping only the newest. Buffers are handed
 * back only after a display frame (`release`), never on arrival: the worker, which owns two buffers,
 * therefore never runs more than two frames ahead of what is shown, however slow the display is.
 */
export class FrameMailbox<F extends MailboxFrame> {
  private pending: F | null = null;
  private readonly spent: ArrayBuffer[] = [];

  constructor(private readonly giveBack: (buffer: ArrayBuffer) => void) {}

  /** A frame arrived: it replaces any frame not yet shown (which is handed back at the next release). */
  deliver(frame: F): void {
    if (this.pending) this.spent.push(this.pending.buffer);
    this.pending = frame;
  }

  /**
   * The newest frame of `generation`, or null. Frames of an older generation are discarded and their
   * buffers handed back at once (they will never be shown, and the worker may hold no other buffer);
   * a newer one waits until the display knows its run (the scene is rebuilt first).
   */
  take(generation: number): F | null {
    const frame = this.pending;
    if (!frame) return null;
    if (frame.generation > generation) return null;
    this.pending = null;
    if (frame.generation < generation) {
      this.giveBack(frame.buffer);
      this.release();
      return null;
    }
    this.spent.push(frame.buffer);
    return frame;
  }

  /** Hands back every buffer already shown or replaced. Call after copying the taken frame. */
  release(): void {
    for (let i = 0; i < this.spent.length; i++) this.giveBack(this.spent[i]);
    this.spent.length = 0;
  }

  get hasPending(): boolean {
    return this.pending !== null;
  }

  /** Whether any buffer is held here (pending, or shown/replaced and not yet handed back). */
  get holdsBuffers(): boolean {
    return this.pending !== null || this.spent.length > 0;
  }

  /** Forgets everything (the worker is gone; its buffers with it). */
  clear(): void {
    this.pending = null;
    this.spent.length = 0;
  }
}
