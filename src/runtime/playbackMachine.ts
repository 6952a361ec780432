/**
 * Where playback stands, as one explicit state, so that the Play/Pause button, the controls and the
 * worker's own playback cannot disagree. A pure reducer: the page's client dispatches what the user asked
 * for and what the worker reported, and sends the worker the commands the new state implies.
 *
 * - `starting`: a run is being built (the page opening, Reset, a new scenario or seed, Play again);
 *   `playAfter` says whether it plays once built, and Play/Pause changes only that.
 * - `playing`, `paused`: a run is in the worker and the clock moves, or not.
 * - `finished`: the run reached the end of its protocol (the worker pauses itself there); Play starts it
 *   again from day 0.
 * - `restarting`: the worker failed or stopped answering and a new one is being started with the same run.
 * - `failed`: restarting did not help; nothing runs until the user reloads or resets.
 */
export type PlaybackState =
  | { readonly kind: 'starting'; readonly playAfter: boolean }
  | { readonly kind: 'playing' }
  | { readonly kind: 'paused' }
  | { readonly kind: 'finished' }
  | { readonly kind: 'restarting'; readonly playAfter: boolean }
  | { readonly kind: 'failed'; readonly reason: string };

export type PlaybackEvent =
  /** The user pressed Play (or Space while paused). */
  | { readonly type: 'play' }
  /** The user pressed Pause. */
  | { readonly type: 'pause' }
  /** A new run is being built from day 0 in the same worker (Reset, scenario, seed, neurons). */
  | { readonly type: 'runStarting' }
  /** The worker holds a run again (built, or the old one kept after a refusal). */
  | { readonly type: 'runReady' }
  /** A frame of the current run says it reached the end of its protocol. */
  | { readonly type: 'reachedEnd' }
  /** The worker failed or went silent; a new one is being started. */
  | { readonly type: 'workerLost' }
  /** Restarting did not help. */
  | { readonly type: 'gaveUp'; readonly reason: string }
  /** The user asked to start afresh after a failure. */
  | { readonly type: 'startAfresh' };

export function initialPlayback(playing: boolean): PlaybackState {
  return { kind: 'starting', playAfter: playing };
}

/** Whether the run plays, or will play once it is ready: what the Play/Pause button shows. */
export function wantsToPlay(state: PlaybackState): boolean {
  switch (state.kind) {
    case 'playing':
      return true;
    case 'starting':
    case 'restarting':
      return state.playAfter;
    default:
      return false;
  }
}

/** While the worker is being replaced, or after it failed for good, the run controls have nothing to act on. */
export function controlsLocked(state: PlaybackState): boolean {
  return state.kind === 'restarting' || state.kind === 'failed';
}

const PLAYING: PlaybackState = { kind: 'playing' };
const PAUSED: PlaybackState = { kind: 'paused' };
const FINISHED: PlaybackState = { kind: 'finished' };

export function nextPlayback(state: PlaybackState, event: PlaybackEvent): PlaybackState {
  switch (event.type) {
    case 'play':
      if (state.kind === 'paused') return PLAYING;
      if (state.kind === 'finished') return { kind: 'starting', playAfter: true };
      if ((state.kind === 'starting' || state.kind === 'restarting') && !state.playAfter) return { ...state, playAfter: true };
      return state;
    case 'pause':
      if (state.kind === 'playing') return PAUSED;
      if ((state.kind === 'starting' || state.kind === 'restarting') && state.playAfter) return { ...state, playAfter: false };
      return state;
    case 'runStarting':
      if (state.kind === 'restarting' || state.kind === 'failed' || state.kind === 'starting') return state;
      return { kind: 'starting', playAfter: state.kind === 'playing' };
    case 'runReady':
      if (state.kind === 'starting' || state.kind === 'restarting') return state.playAfter ? PLAYING : PAUSED;
      return state;
    case 'reachedEnd':
      return state.kind === 'playing' || state.kind === 'paused' ? FINISHED : state;
    case 'workerLost':
      if (state.kind === 'failed' || state.kind === 'restarting') return state;
      return { kind: 'restarting', playAfter: wantsToPlay(state) };
    case 'gaveUp':
      return { kind: 'failed', reason: event.reason };
    case 'startAfresh':
      return state.kind === 'failed' ? { kind: 'starting', playAfter: true } : state;
  }
}
