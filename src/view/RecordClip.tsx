import { useEffect, useRef, useState } from 'react';
import type { AppStore } from '../state/appState';
import type { SimulationClient } from '../state/SimulationClient';
import { useStore } from '../state/useStore';
import { canRecordClips, recordClip } from './recordClip';
import { downloadBlob } from './downloadText';

const RATES = [10, 15, 24, 30] as const;

/** Reads a day field: a decimal number of days within the protocol, or a sentence saying what is wrong. */
function dayValue(text: string, label: string, durationDays: number): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > durationDays) return `${label} must be a day from 0 to ${durationDays}.`;
  return value;
}

/**
 * "Record clip": a WebM time-lapse of a chosen span of the run at a chosen frame rate, from the
 * simulation's frames (see recordClip), with progress and Cancel. Offered where the browser can encode.
 */
export function RecordClip({ store, client }: { store: AppStore; client: SimulationClient }) {
  const protocol = useStore(store, (s) => s.scene?.protocol ?? null);
  const [supported, setSupported] = useState<boolean | null>(null);
  const dose = protocol?.ketamine[0]?.timeHours ?? 31 * 24;
  const [from, setFrom] = useState(String(dose / 24 - 1));
  const [to, setTo] = useState(String(dose / 24 + 3));
  const [rate, setRate] = useState<number>(15);
  const [seconds, setSeconds] = useState('6');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<{ tone: 'problem' | 'hint'; text: string } | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => {
    void canRecordClips().then(setSupported);
  }, []);
  if (supported === false) return <p className="hint">This browser cannot encode video (no WebCodecs), so clips cannot be recorded here.</p>;
  if (!protocol) return null;
  const durationDays = protocol.durationHours / 24;

  const start = async () => {
    const a = dayValue(from, 'The start', durationDays);
    const b = dayValue(to, 'The end', durationDays);
    const length = Number(seconds);
    const problem = typeof a === 'string' ? a : typeof b === 'string' ? b : !(a < b) ? 'The end must come after the start.' : !(length >= 1 && length <= 60) ? 'The clip lasts 1 to 60 seconds.' : null;
    if (problem || typeof a === 'string' || typeof b === 'string') {
      setMessage({ tone: 'problem', text: problem ?? '' });
      return;
    }
    const frames = Math.round(length * rate);
    const controller = new AbortController();
    abort.current = controller;
    setMessage(null);
    setProgress({ done: 0, total: frames });
    try {
      const clip = await recordClip(store, client, { fromHours: a * 24, toHours: b * 24, frames, framesPerSecond: rate, signal: controller.signal, onProgress: (done) => setProgress({ done, total: frames }) });
      const { scenario, seed } = store.getState();
      downloadBlob(`spinelab-${scenario}-seed${seed}-day${a}-to-day${b}-${rate}fps.webm`, clip);
      setMessage({ tone: 'hint', text: `Saved: ${frames} frames, ${length} s.` });
    } catch (error) {
      if (controller.signal.aborted) setMessage({ tone: 'hint', text: 'Recording cancelled; nothing was saved.' });
      else setMessage({ tone: 'problem', text: `The clip could not be made: ${error instanceof Error ? error.message : String(error)}.` });
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  return (
    <div className="record-clip">
      <div className="clip-fields">
        <label className="field">
          <span>From day</span>
          <input type="text" inputMode="decimal" size={4} value={from} onChange={(e) => setFrom(e.target.value)} disabled={progress !== null} data-testid="clip-from" />
        </label>
        <label className="field">
          <span>to day</span>
          <input type="text" inputMode="decimal" size={4} value={to} onChange={(e) => setTo(e.target.value)} disabled={progress !== null} data-testid="clip-to" />
        </label>
        <label className="field">
          <span>Length (s)</span>
          <input type="text" inputMode="decimal" size={3} value={seconds} onChange={(e) => setSeconds(e.target.value)} disabled={progress !== null} data-testid="clip-seconds" />
        </label>
        <label className="field">
          <span>Frames per second</span>
          <select value={rate} onChange={(e) => setRate(Number(e.target.value))} disabled={progress !== null} data-testid="clip-rate">
            {RATES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
      </div>
      {progress ? (
        <div className="clip-progress">
          <progress max={progress.total} value={progress.done} aria-label="Recording the clip" data-testid="clip-progress" />
          <span>
            {progress.done} / {progress.total} frames
          </span>
          <button type="button" onClick={() => abort.current?.abort()} data-testid="clip-cancel">
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => void start()} disabled={supported !== true} data-testid="record-clip" title="A WebM time-lapse of the span, drawn frame by frame from the simulation">
          Record clip
        </button>
      )}
      {message && (
        <p className={message.tone} role={message.tone === 'problem' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
