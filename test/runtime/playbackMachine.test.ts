import { describe, expect, it } from 'vitest';
import { controlsLocked, initialPlayback, nextPlayback, wantsToPlay, type PlaybackEvent, type PlaybackState } from '../../src/runtime/playbackMachine';

const run = (state: PlaybackState, ...events: PlaybackEvent['type'][]) =>
  events.reduce((s, type) => nextPlayback(s, type === 'gaveUp' ? { type, reason: 'it stopped responding' } : ({ type } as PlaybackEvent)), state);

describe('the playback state machine', () => {
  it('opens as the link asks, once the run is ready', () => {
    expect(run(initialPlayback(true), 'runReady')).toEqual({ kind: 'playing' });
    expect(run(initialPlayback(false), 'runReady')).toEqual({ kind: 'paused' });
  });

  it('Play again after the end builds a new run and plays it: the button shows Pause throughout', () => {
    const finished = run(initialPlayback(true), 'runReady', 'reachedEnd');
    expect(finished).toEqual({ kind: 'finished' });
    expect(wantsToPlay(finished)).toBe(false);
    const starting = run(finished, 'play');
    expect(starting).toEqual({ kind: 'starting', playAfter: true });
    expect(wantsToPlay(starting)).toBe(true);
    // A late frame of the old run, still marked finished, does not flip the button back to Play.
    expect(run(starting, 'reachedEnd')).toEqual(starting);
    expect(run(starting, 'runReady')).toEqual({ kind: 'playing' });
  });

  it('Pause while a run is being built holds it paused once ready', () => {
    expect(run(initialPlayback(true), 'pause', 'runReady')).toEqual({ kind: 'paused' });
    expect(run(initialPlayback(false), 'play', 'runReady')).toEqual({ kind: 'playing' });
  });

  it('Reset, scenario or seed keep playing or paused as they were; after the end they hold paused at day 0', () => {
    expect(run({ kind: 'playing' }, 'runStarting', 'runReady')).toEqual({ kind: 'playing' });
    expect(run({ kind: 'paused' }, 'runStarting', 'runReady')).toEqual({ kind: 'paused' });
    expect(run({ kind: 'finished' }, 'runStarting', 'runReady')).toEqual({ kind: 'paused' });
  });

  it('a crashed worker restarts playing if the run was playing, paused if not', () => {
    expect(run({ kind: 'playing' }, 'workerLost')).toEqual({ kind: 'restarting', playAfter: true });
    expect(run({ kind: 'paused' }, 'workerLost', 'runReady')).toEqual({ kind: 'paused' });
    expect(run({ kind: 'finished' }, 'play', 'workerLost', 'runReady')).toEqual({ kind: 'playing' });
    expect(run({ kind: 'playing' }, 'workerLost', 'pause', 'runReady')).toEqual({ kind: 'paused' });
  });

  it('locks the controls while restarting and after giving up; only a fresh start leaves the failed state', () => {
    const failed = run({ kind: 'playing' }, 'workerLost', 'gaveUp');
    expect(failed).toEqual({ kind: 'failed', reason: 'it stopped responding' });
    expect(controlsLocked(failed)).toBe(true);
    expect(wantsToPlay(failed)).toBe(false);
    for (const type of ['play', 'pause', 'runStarting', 'runReady', 'reachedEnd', 'workerLost'] as const) expect(run(failed, type)).toEqual(failed);
    expect(run(failed, 'startAfresh', 'runReady')).toEqual({ kind: 'playing' });
    expect(controlsLocked({ kind: 'restarting', playAfter: true })).toBe(true);
    for (const state of [{ kind: 'playing' }, { kind: 'paused' }, { kind: 'finished' }, initialPlayback(true)] as const) expect(controlsLocked(state)).toBe(false);
  });

  it('pressing the button always flips what it shows, except after a failure (every walk of up to five events)', () => {
    const events: PlaybackEvent['type'][] = ['play', 'pause', 'runStarting', 'runReady', 'reachedEnd', 'workerLost', 'gaveUp', 'startAfresh'];
    let walks = 0;
    const walk = (state: PlaybackState, depth: number): void => {
      const pressed = nextPlayback(state, { type: wantsToPlay(state) ? 'pause' : 'play' });
      if (state.kind === 'failed') expect(pressed).toEqual(state);
      else expect(wantsToPlay(pressed)).toBe(!wantsToPlay(state));
      walks++;
      if (depth === 0) return;
      for (const type of events) walk(run(state, type), depth - 1);
    };
    walk(initialPlayback(true), 5);
    walk(initialPlayback(false), 5);
    expect(walks).toBe(2 * (8 ** 6 - 1) / 7);
  });
});
