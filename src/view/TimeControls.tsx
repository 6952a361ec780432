import { useState } from 'react';
import { controlsLocked, wantsToPlay, type PlaybackState } from '../runtime/playbackMachine';
import type { AppStore } from '../state/appState';
import { formatClock, formatSpeed } from '../state/formatClock';
import type { SimulationClient } from '../state/SimulationClient';
import { useStore } from '../state/useStore';
import { resetAll } from './resetAll';

/** Speeds offered, in simulated hours per second: from one hour to a week per second. */
export const SPEED_CHOICES = [1, 3, 6, 12, 24, 48, 96, 168] as const;

/** What the play button offers in each playback state. */
function playLabel(playback: PlaybackState): string {
  if (wantsToPlay(playback)) return '❚❚ Pause';
  return playback.kind === 'finished' ? '↻ Play again' : '▶ Play';
}

/**
 * The clock again, for the sticky play row: on a phone the header scrolls away with the page. Hidden from
 * screen readers, which have the header's clock; its own component so only it re-renders as time runs.
 */
function TransportClock({ store }: { store: AppStore }) {
  const timeHours = useStore(store, (s) => s.clock.timeHours);
  return (
    <span className="transport-clock" aria-hidden="true">
      {formatClock(timeHours)}
    </span>
  );
}

/**
 * Play/pause, step, speed, reset and seed. Every control is a native, keyboard-usable element. The play row
 * is its own group so it can stay at the top of the sidebar (sticky, styles.css) while a long panel below
 * it (parameters, protocol) is scrolled: the run can be paused from anywhere.
 */
export function TimeControls({ store, client }: { store: AppStore; client: SimulationClient }) {
  const playback = useStore(store, (s) => s.playback);
  const playing = wantsToPlay(playback);
  const speed = useStore(store, (s) => s.speedHoursPerSecond);
  const effective = useStore(store, (s) => s.clock.speedHoursPerSecond);
  const storyPacing = useStore(store, (s) => s.storyPacing);
  const seed = useStore(store, (s) => s.seed);
  const [seedDraft, setSeedDraft] = useState<string | null>(null);
  const [seedProblem, setSeedProblem] = useState<string | null>(null);
  const choices = SPEED_CHOICES.includes(speed as (typeof SPEED_CHOICES)[number]) ? SPEED_CHOICES : [...SPEED_CHOICES, speed].sort((a, b) => a - b);

  const applySeed = () => {
    if (seedDraft === null) return;
    const problem = client.setSeed(seedDraft);
    setSeedProblem(problem);
    if (!problem) setSeedDraft(null);
  };

  return (
    <>
      <div className="panel transport" role="group" aria-label="Play and step" data-testid="transport">
        <TransportClock store={store} />
        <div className="button-row">
          <button type="button" className="primary play" data-testid="play-toggle" aria-pressed={playing} data-state={playback.kind} disabled={controlsLocked(playback)} onClick={() => client.togglePlay()}>
            {playLabel(playback)}
          </button>
          <button type="button" onClick={() => client.seek(Math.max(0, store.getState().clock.timeHours - 1))} title="Back one simulated hour (←; Shift+← a day)">
            −1 h
          </button>
          <button type="button" onClick={() => client.step(1)} title="Advance one simulated hour (→)">
            +1 h
          </button>
          <button type="button" onClick={() => client.step(24)} title="Advance one simulated day (Shift+→)">
            +1 day
          </button>
          <button type="button" onClick={() => client.reset()} title="Start this run again from day 0">
            Reset
          </button>
          <button type="button" onClick={() => resetAll(store, client)} title="Every setting back to its default: story, seed, speed, view, projector, parameters, neurons" data-testid="reset-all">
            Reset all
          </button>
        </div>
      </div>
      <section className="panel time-controls" aria-label="Time controls">
        <label className="field">
          <span>Speed</span>
          <select value={speed} onChange={(e) => client.setSpeed(Number(e.target.value))} data-testid="speed-select">
            {choices.map((value) => (
              <option key={value} value={value}>
                {formatSpeed(value)}
              </option>
            ))}
          </select>
        </label>
        {playback.kind === 'playing' && effective < speed && <p className="hint">Slowed to {formatSpeed(effective)} around the ketamine dose.</p>}
        <label className="check">
          <input type="checkbox" checked={storyPacing} onChange={(e) => client.setStoryPacing(e.target.checked)} data-testid="story-pacing" />
          <span>Slow down around the ketamine dose</span>
        </label>
        <label className="field">
          <span>Seed</span>
          <input
            type="text"
            inputMode="text"
            value={seedDraft ?? seed}
            onChange={(e) => setSeedDraft(e.target.value)}
            onBlur={applySeed}
            onKeyDown={(e) => {
              if (e.key === 'Enter') applySeed();
              if (e.key === 'Escape') {
                setSeedDraft(null);
                setSeedProblem(null);
              }
            }}
            aria-invalid={seedProblem !== null}
            aria-describedby={seedProblem ? 'seed-problem' : undefined}
            data-testid="seed-input"
            size={10}
          />
          <span className="hint inline">same seed, same run</span>
        </label>
        {seedProblem && (
          <p id="seed-problem" className="problem" role="alert">
            {seedProblem}
          </p>
        )}
      </section>
    </>
  );
}
