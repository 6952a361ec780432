import { Canvas, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useState } from 'react';
import { Color } from 'three';
import type { AppStore } from '../../state/appState';
import type { SimulationClient } from '../../state/SimulationClient';
import { useStore } from '../../state/useStore';
import { ErrorBoundary } from '../ErrorBoundary';
import { paletteFor } from '../palette';
import { CameraRig, type ViewInsets } from './CameraRig';
import { Neurons } from './Neurons';
import { SceneCapture } from './sceneCapture';
import { SideBySideScene, type SideBySideLayout } from './SideBySideScene';
import type { Side } from '../../state/SideBySideRuns';
import { SpineBuffers } from './SpineBuffers';
import { Spines } from './Spines';

// Canvas options as constants: r3f re-applies camera options whenever the object changes, which would
// throw the camera back to its start on every re-render.
const cameraOptions = { fov: 40, near: 1, far: 20000, position: [0, 300, 2000] as [number, number, number] };
const screenGl = { antialias: true, powerPreference: 'high-performance' as const };
const testGl = { antialias: false, powerPreference: 'high-performance' as const };

/** Whether this browser can draw the scene (WebGL 2). */
export function webgl2Available(): boolean {
  try {
    const canvas = document.createElement('canvas');
    return canvas.getContext('webgl2') !== null;
  } catch {
    return false;
  }
}

function Background({ color }: { color: string }) {
  const scene = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    scene.background = new Color(color);
    invalidate();
  }, [scene, color, invalidate]);
  return null;
}

/** Reports a lost graphics context in words instead of a frozen picture. */
function ContextWatch({ onLost }: { onLost: (lost: boolean) => void }) {
  const gl = useThree((s) => s.gl);
  useEffect(() => {
    const element = gl.domElement;
    const lost = (event: Event) => {
      event.preventDefault();
      onLost(true);
    };
    const restored = () => onLost(false);
    element.addEventListener('webglcontextlost', lost);
    element.addEventListener('webglcontextrestored', restored);
    return () => {
      element.removeEventListener('webglcontextlost', lost);
      element.removeEventListener('webglcontextrestored', restored);
    };
  }, [gl, onLost]);
  return null;
}

const NO_INSETS: ViewInsets = { left: 0, bottom: 0 };

/**
 * The 3D view: neurons, spines and lost sites, drawn on demand when a frame or the camera changes; with
 * `sides`, two conditions side by side (laid out as `layout` says) instead of the page's run.
 */
export function SceneView({ store, client, insets, sides = null, layout }: { store: AppStore; client: SimulationClient; insets: ViewInsets; sides?: readonly [Side, Side] | null; layout?: SideBySideLayout }) {
  const [available] = useState(webgl2Available);
  const [contextLost, setContextLost] = useState(false);
  const projector = useStore(store, (s) => s.projector);
  const scene = useStore(store, (s) => s.scene);
  const testMode = useStore(store, (s) => s.testMode);
  const reducedMotion = useStore(store, (s) => s.reducedMotion);
  const palette = paletteFor(projector);
  const buffers = useMemo(() => new SpineBuffers(), []);
  useEffect(() => () => buffers.dispose(), [buffers]);
  const pixelRatio = testMode ? 1 : Math.min(2, window.devicePixelRatio || 1);

  if (!available) {
    return (
      <div className="scene-message" role="alert">
        <p>
          <strong>This browser cannot show the 3D view</strong> (WebGL 2 is unavailable or switched off). The simulation, clock and charts still
          work. Try another browser, or enable hardware acceleration in the browser’s settings.
        </p>
      </div>
    );
  }
  return (
    <ErrorBoundary what="The 3D view">
      <Canvas
        frameloop="demand"
        dpr={pixelRatio}
        gl={testMode ? testGl : screenGl}
        camera={cameraOptions}
      >
        <Background color={palette.background} />
        <ContextWatch onLost={setContextLost} />
        <SceneCapture />
        {sides && layout ? (
          <SideBySideScene sides={sides} primary={client} layout={layout} palette={palette} pixelRatio={pixelRatio} />
        ) : (
          <>
            {scene && <Neurons scene={scene} palette={palette} pixelRatio={pixelRatio} />}
            <Spines client={client} store={store} palette={palette} pixelRatio={pixelRatio} buffers={buffers} />
          </>
        )}
        <CameraRig
          store={store}
          client={client}
          buffers={buffers}
          palette={palette}
          animate={!testMode && !reducedMotion}
          insets={sides ? NO_INSETS : insets}
          sideBySide={sides ? layout : undefined}
        />
      </Canvas>
      {contextLost && (
        <div className="scene-message overlay" role="alert">
          <p>The graphics card stopped drawing this page (the browser lost its WebGL context). It usually comes back by itself; if not, reload the page.</p>
        </div>
      )}
    </ErrorBoundary>
  );
}
