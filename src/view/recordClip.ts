import type { AppStore } from '../state/appState';
import type { SimulationClient } from '../state/SimulationClient';
import { composePicture } from './SavePicture';

export const CLIP_WIDTH = 1280;
export const CLIP_HEIGHT = 720;
/** A frame that has not arrived after this long (a worker restarting, say) ends the recording with a message. */
const FRAME_TIMEOUT_MS = 15_000;

export interface ClipRequest {
  readonly fromHours: number;
  readonly toHours: number;
  readonly frames: number;
  readonly framesPerSecond: number;
  /** Called after each frame with the number done. */
  readonly onProgress: (done: number) => void;
  readonly signal: AbortSignal;
}

/** Whether this browser can encode a clip (WebCodecs VP8). */
export async function canRecordClips(): Promise<boolean> {
  if (typeof VideoEncoder === 'undefined') return false;
  try {
    return (await VideoEncoder.isConfigSupported({ codec: 'vp8', width: CLIP_WIDTH, height: CLIP_HEIGHT })).supported === true;
  } catch {
    return false;
  }
}

/** Resolves once the 3D view has drawn a frame of the run at `hours` (the last model step at or before it). */
function frameShown(client: SimulationClient, hours: number, stepHours: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const check = () => {
      if (signal.aborted) return reject(new DOMException('cancelled', 'AbortError'));
      const frame = client.shownFrame;
      const step = stepHours + 1e-6;
      if (frame && frame.timeHours <= hours + 1e-6 && frame.timeHours > hours - step) return resolve();
      if (performance.now() - started > FRAME_TIMEOUT_MS) return reject(new Error(`no frame of the run at ${hours.toFixed(1)} h arrived`));
      requestAnimationFrame(check);
    };
    check();
  });
}

/**
 * A WebM time-lapse of a span of the run, made from the simulation's own frames, not from the screen:
 * for each video frame the clock is moved to its moment (evenly spaced from `fromHours` to `toHours`), the
 * frame is awaited, and the 3D view is drawn as a slide (colour key, clock, run in a corner). However slow
 * the machine, the clip plays at `framesPerSecond` with every frame. The run is left paused at the end.
 */
export async function recordClip(store: AppStore, client: SimulationClient, request: ClipRequest): Promise<Blob> {
  const { fromHours, toHours, frames, framesPerSecond, onProgress, signal } = request;
  const canvas = document.createElement('canvas');
  canvas.width = CLIP_WIDTH;
  canvas.height = CLIP_HEIGHT;
  const g = canvas.getContext('2d')!;
  // The muxer is loaded when a clip is first recorded, not with the page.
  const { BufferTarget, CanvasSource, Output, QUALITY_HIGH, WebMOutputFormat } = await import('mediabunny');
  const stepHours = store.getState().scene?.parameters.timeStepHours ?? 1;
  const target = new BufferTarget();
  const output = new Output({ format: new WebMOutputFormat(), target });
  const source = new CanvasSource(canvas, { codec: 'vp8', quality: QUALITY_HIGH });
  output.addVideoTrack(source, { frameRate: framesPerSecond });
  await output.start();
  client.pause();
  try {
    for (let i = 0; i < frames; i++) {
      const hours = frames === 1 ? fromHours : fromHours + ((toHours - fromHours) * i) / (frames - 1);
      client.seek(hours);
      await frameShown(client, hours, stepHours, signal);
      const slide = composePicture(store);
      if (!slide) throw new Error('the 3D view is not drawing');
      g.drawImage(slide, 0, 0, CLIP_WIDTH, CLIP_HEIGHT);
      await source.add(i / framesPerSecond, 1 / framesPerSecond);
      onProgress(i + 1);
    }
    await output.finalize();
  } catch (error) {
    await output.cancel().catch(() => undefined);
    throw error;
  }
  return new Blob([target.buffer!], { type: 'video/webm' });
}
