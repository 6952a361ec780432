import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { Color, type Group, type PerspectiveCamera } from 'three';
import type { Side } from '../../state/SideBySideRuns';
import type { SimulationClient } from '../../state/SimulationClient';
import { useStore } from '../../state/useStore';
import type { Palette } from '../palette';
import { Neurons } from './Neurons';
import { SpineBuffers } from './SpineBuffers';
import { Spines } from './Spines';

/**
 * Where the two sides go: left and right (`columns`), or, in a narrow view (a phone), one above the other
 * (`rows`). Each side's picture starts below its name bar (`labelPx` high) and ends above the strip the
 * key and the camera buttons take at the bottom (`bottomPx`), so that nothing covers either picture.
 */
export interface SideBySideLayout {
  readonly arrangement: 'columns' | 'rows';
  readonly labelPx: number;
  readonly bottomPx: number;
}

/**
 * Side `index`'s picture in a view `width`×`height` (CSS px): x, y from the bottom left (as WebGL counts),
 * width, height. Both sides are the same size, so that one camera frames both alike.
 */
export function sideViewport(layout: SideBySideLayout, index: number, width: number, height: number): [number, number, number, number] {
  const columns = layout.arrangement === 'columns';
  const w = columns ? width / 2 : width;
  // On a phone the bottom strip is under the lower side only; the upper side leaves the same room empty.
  const half = columns ? height - layout.bottomPx : (height - layout.bottomPx) / 2;
  const h = Math.max(1, half - layout.labelPx);
  return [columns ? index * w : 0, layout.bottomPx + (columns ? 0 : (1 - index) * half), w, h];
}

/** One side's neurons and spines (its own run's frames, copied in the render loop as the single view does). */
function SideContent({ side, palette, pixelRatio, group }: { side: Side; palette: Palette; pixelRatio: number; group: React.RefObject<Group | null> }) {
  const scene = useStore(side.store, (s) => s.scene);
  const buffers = useMemo(() => new SpineBuffers(), []);
  useEffect(() => () => buffers.dispose(), [buffers]);
  return (
    <group ref={group}>
      {scene && <Neurons scene={scene} palette={palette} pixelRatio={pixelRatio} />}
      <Spines client={side.client} store={side.store} palette={palette} pixelRatio={pixelRatio} buffers={buffers} />
    </group>
  );
}

/**
 * Two conditions in one canvas: each side's content is drawn into its own half (a scissored viewport)
 * through the one camera, so that both are seen from exactly the same pose. The page's own run is not
 * drawn meanwhile; its frames are handed straight back so that its clock, which both sides follow, keeps
 * its pace.
 */
export function SideBySideScene({ sides, primary, layout, palette, pixelRatio }: { sides: readonly [Side, Side]; primary: SimulationClient; layout: SideBySideLayout; palette: Palette; pixelRatio: number }) {
  const groups = [useRef<Group>(null), useRef<Group>(null)] as const;
  const invalidate = useThree((s) => s.invalidate);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const size = useThree((s) => s.size);

  useEffect(
    () =>
      primary.attachView(() => {
        primary.takeFrame();
        primary.releaseFrames();
      }),
    [primary],
  );
  useEffect(() => {
    invalidate();
    // Back to one view: the camera takes the whole canvas's shape again.
    return () => {
      camera.aspect = size.width / Math.max(1, size.height);
      camera.updateProjectionMatrix();
    };
  }, [camera, size, layout, invalidate]);

  // Priority 1: this takes over drawing from the canvas (after the sides' frames were copied in at 0).
  useFrame(({ gl, scene }) => {
    // Under the name bars no side draws: the background colour there, not an old picture.
    if (scene.background instanceof Color) gl.setClearColor(scene.background);
    gl.clear();
    gl.setScissorTest(true);
    for (let i = 0; i < 2; i++) {
      groups.forEach((group, g) => {
        if (group.current) group.current.visible = g === i;
      });
      const [x, y, width, height] = sideViewport(layout, i, size.width, size.height);
      camera.aspect = width / height;
      camera.updateProjectionMatrix();
      gl.setViewport(x, y, width, height);
      gl.setScissor(x, y, width, height);
      gl.render(scene, camera);
    }
    gl.setScissorTest(false);
    gl.setViewport(0, 0, size.width, size.height);
    // A picture saved meanwhile (one draw of the whole scene) shows the first side alone.
    groups.forEach((group, g) => {
      if (group.current) group.current.visible = g === 0;
    });
  }, 1);

  return (
    <>
      <SideContent side={sides[0]} palette={palette} pixelRatio={pixelRatio} group={groups[0]} />
      <SideContent side={sides[1]} palette={palette} pixelRatio={pixelRatio} group={groups[1]} />
    </>
  );
}
