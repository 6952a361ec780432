import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import type { Mesh } from 'three';
import type { SimulationClient } from '../../state/SimulationClient';
import type { AppStore } from '../../state/appState';
import type { Palette } from '../palette';
import { createLostSiteMaterial, createSpineMaterial } from './materials';
import { SpineBuffers } from './SpineBuffers';
import { useSizedMaterial } from './useSizedMaterial';

/**
 * All spines as one instanced mesh (instance = store slot) and the lost-site markers as points. Frames
 * are copied straight from the worker's buffer into the instance buffer inside the render loop; nothing
 * here goes through React state.
 */
export function Spines({ client, store, palette, pixelRatio, buffers }: { client: SimulationClient; store: AppStore; palette: Palette; pixelRatio: number; buffers: SpineBuffers }) {
  const mesh = useRef<Mesh>(null);
  const invalidate = useThree((s) => s.invalidate);
  const spineMaterial = useSizedMaterial(() => createSpineMaterial(palette, pixelRatio), [palette, pixelRatio]);
  const markerMaterial = useSizedMaterial(() => createLostSiteMaterial(palette, pixelRatio), [palette, pixelRatio]);

  useEffect(() => client.attachView(() => invalidate()), [client, invalidate]);
  useEffect(() => {
    let shown = store.getState().selectedSlot;
    return store.subscribe(() => {
      const selected = store.getState().selectedSlot;
      if (selected !== shown) {
        shown = selected;
        invalidate();
      }
    });
  }, [store, invalidate]);

  // Runs before the render of every frame (priority 0 callbacks run in order; this one is cheap).
  useFrame(() => {
    const frame = client.takeFrame();
    if (frame) {
      const replaced = buffers.apply(frame.floats, frame.spineCount, frame.markerOffset, frame.markerCount);
      if (replaced && mesh.current) mesh.current.geometry = buffers.spines;
      client.releaseFrames();
    }
    spineMaterial.uniforms.uSelected.value = store.getState().selectedSlot;
  });

  const markers = useMemo(() => buffers.markers, [buffers]);
  return (
    <>
      <mesh ref={mesh} geometry={buffers.spines} material={spineMaterial} frustumCulled={false} />
      <points geometry={markers} material={markerMaterial} frustumCulled={false} renderOrder={2} />
    </>
  );
}
