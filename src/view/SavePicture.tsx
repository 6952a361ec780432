import { useState } from 'react';
import { phaseLabel } from '../model/phaseLabel';
import type { AppStore } from '../state/appState';
import { formatClock } from '../state/formatClock';
import type { SpineCategory } from '../model/writeSpineFrame';
import { paletteFor, spineLegend } from './palette';
import { spineCues } from './scene/spineCues';
import { sceneCapturer } from './scene/sceneCapture';
import { downloadBlob } from './downloadText';

/** Slides are 16:9; 1920×1080 fills a projector's frame whatever the window the picture was taken in. */
export const PICTURE_WIDTH = 1920;
export const PICTURE_HEIGHT = 1080;

/**
 * The 3D view as a slide: the scene drawn at 1920×1080, with the colour key, the clock and phase, and a
 * corner that says which run it is (scenario, seed, simulated time), so a picture can be traced to its run.
 */
export function composePicture(store: AppStore): HTMLCanvasElement | null {
  const capture = sceneCapturer();
  const state = store.getState();
  if (!capture || !state.scene) return null;
  const canvas = capture(PICTURE_WIDTH, PICTURE_HEIGHT);
  const g = canvas.getContext('2d')!;
  const palette = paletteFor(state.projector);
  const light = state.projector;
  const ink = light ? '#000000' : '#e6eaef';
  const card = light ? 'rgba(255,255,255,0.9)' : 'rgba(15,19,24,0.85)';
  const hours = state.clock.timeHours;
  const phase = phaseLabel(state.scene.protocol, hours).text;
  const font = (px: number, weight = 400) => `${weight} ${px}px system-ui, 'DejaVu Sans', sans-serif`;

  // The colour key, top left.
  const entries: [SpineCategory | null, string][] = [...spineLegend.map((e): [SpineCategory, string] => [e.category, e.label]), [null, 'Spot where stress removed a spine']];
  const rowHeight = 44;
  g.fillStyle = card;
  g.fillRect(30, 30, 640, 70 + rowHeight * entries.length);
  g.fillStyle = ink;
  g.font = font(34, 700);
  g.fillText('Spines', 54, 78);
  const circle = (r: number) => {
    g.beginPath();
    g.arc(0, 0, r, 0, 2 * Math.PI);
  };
  entries.forEach(([category, label], i) => {
    const y = 120 + i * rowHeight;
    // Each head with its shape cue, as the legend's glyphs (SpineGlyph.tsx) and the 3D view draw it.
    const cue = category === null ? null : spineCues[category];
    g.save();
    g.translate(70, y - 10);
    g.lineWidth = 5;
    if (category === null) {
      // A lost spot: a ring around the dendrite.
      g.fillStyle = palette.dendrite;
      g.fillRect(-20, -3, 40, 6);
      circle(16);
      g.lineWidth = 4;
      g.strokeStyle = palette.lostSite;
      g.stroke();
    } else if (cue!.hollow) {
      circle(14);
      g.strokeStyle = palette.spines[category];
      g.stroke();
    } else {
      circle(cue!.outlined ? 16 : 14);
      g.fillStyle = cue!.outlined ? palette.spineOutline : palette.spines[category];
      g.fill();
      if (cue!.outlined) {
        circle(11);
        g.fillStyle = palette.spines[category];
        g.fill();
      }
      g.clip();
      g.fillStyle = 'rgba(0,0,0,0.65)';
      if (cue!.striped) for (const top of [-14 + 5.6, -14 + 16.8]) g.fillRect(-16, top, 32, 5.6);
      if (cue!.dotted) {
        circle(4.5);
        g.fill();
      }
    }
    g.restore();
    g.fillStyle = ink;
    g.font = font(28, 600);
    g.fillText(label, 100, y);
  });

  // The clock and phase, top right.
  g.textAlign = 'right';
  g.fillStyle = card;
  g.fillRect(PICTURE_WIDTH - 530, 30, 500, 130);
  g.fillStyle = ink;
  g.font = font(60, 700);
  g.fillText(formatClock(hours), PICTURE_WIDTH - 54, 98);
  g.font = font(36, 600);
  g.fillText(phase, PICTURE_WIDTH - 54, 142);

  // Which run, bottom right.
  g.font = font(24);
  const corner = `SpineLab · ${state.scenario} · seed ${state.seed} · ${formatClock(hours)} (${Math.round(hours)} h)`;
  const width = g.measureText(corner).width;
  g.fillStyle = card;
  g.fillRect(PICTURE_WIDTH - width - 60, PICTURE_HEIGHT - 62, width + 30, 40);
  g.fillStyle = ink;
  g.fillText(corner, PICTURE_WIDTH - 45, PICTURE_HEIGHT - 33);
  return canvas;
}

/** "Save picture": the slide as a PNG download named after its run. */
export function SavePicture({ store }: { store: AppStore }) {
  const [problem, setProblem] = useState<string | null>(null);
  const save = () => {
    const canvas = composePicture(store);
    if (!canvas) {
      setProblem('There is no 3D view to take a picture of yet.');
      return;
    }
    setProblem(null);
    const { scenario, seed, clock } = store.getState();
    canvas.toBlob((blob) => {
      if (blob) downloadBlob(`spinelab-${scenario}-seed${seed}-${Math.round(clock.timeHours)}h.png`, blob);
      else setProblem('The browser could not encode the picture.');
    }, 'image/png');
  };
  return (
    <>
      <button type="button" onClick={save} data-testid="save-picture" title="A 1920×1080 PNG of the 3D view with its colour key, clock and run, for a slide">
        Save picture
      </button>
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
