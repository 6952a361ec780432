import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BufferAttribute, BufferGeometry, Vector2, Vector3, type Mesh, type PerspectiveCamera, type Points } from 'three';
import type { AppStore } from '../../state/appState';
import type { SimulationClient } from '../../state/SimulationClient';
import type { Palette } from '../palette';
import { createLostSiteMaterial, createSelectionMaterial, createSpineMaterial } from './materials';
import { spineHead } from './pickSpine';
import type { SpineBuffers } from './SpineBuffers';
import { useSizedMaterial } from './useSizedMaterial';

const forward = new Vector3();
const bufferSize = new Vector2();
const head = new Float64Array(3);
/** Scratch view description, reused every frame (no allocation in the render loop). */
const sizing = { cameraPosition: [0, 0, 0] as [number, number, number], cameraForward: [0, 0, 0] as [number, number, number], pixelWorld: 0, minHeadRadiusPx: 0, minDendriteRadiusPx: 0 };

/**
 * All spines as one instanced mesh (instance = store slot), the lost-site markers as points, and a ring
 * around the selected spine. Frames are copied straight from the worker's buffer into the instance buffer
 * inside the render loop; nothing here goes through React state.
 */
export function Spines({ client, store, palette, pixelRatio, buffers }: { client: SimulationClient; store: AppStore; palette: Palette; pixelRatio: number; buffers: SpineBuffers }) {
  const mesh = useRef<Mesh>(null);
  const ring = useRef<Points>(null);
  const invalidate = useThree((s) => s.invalidate);
  const spineMaterial = useSizedMaterial(() => createSpineMaterial(palette, pixelRatio), [palette, pixelRatio]);
  const markerMaterial = useSizedMaterial(() => createLostSiteMaterial(palette, pixelRatio), [palette, pixelRatio]);
  const selectionMaterial = useMemo(() => createSelectionMaterial(palette, pixelRatio), [palette, pixelRatio]);
  useEffect(() => () => selectionMaterial.dispose(), [selectionMaterial]);
  const selection = useMemo(() => {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(3), 3));
    geometry.setAttribute('aRadiusPx', new BufferAttribute(new Float32Array(1), 1));
    return geometry;
  }, []);
  useEffect(() => () => selection.dispose(), [selection]);

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

  useFrame((state) => {
    const frame = client.takeFrame();
    if (frame) {
      const replaced = buffers.apply(frame.floats, frame.spineCount, frame.markerOffset, frame.markerCount);
      if (replaced && mesh.current) mesh.current.geometry = buffers.spines;
    }
    // After every display frame, shown or not: buffers replaced or discarded meanwhile go back to the worker.
    client.releaseFrames();
    const slot = store.getState().selectedSlot;
    spineMaterial.uniforms.uSelected.value = slot;
    // The ring follows the selected spine's head as drawn (it grows, shrinks and may disappear).
    const marker = ring.current;
    if (!marker) return;
    const camera = state.camera as PerspectiveCamera;
    let radius = 0;
    if (slot >= 0 && slot < buffers.spineCount) {
      camera.getWorldDirection(forward);
      const pixelWorld = (2 * Math.tan((camera.fov * Math.PI) / 360)) / state.gl.getDrawingBufferSize(bufferSize).y;
      camera.position.toArray(sizing.cameraPosition);
      forward.toArray(sizing.cameraForward);
      sizing.pixelWorld = pixelWorld;
      sizing.minHeadRadiusPx = palette.minHeadRadiusPx * pixelRatio;
      sizing.minDendriteRadiusPx = palette.minDendriteRadiusPx * pixelRatio;
      radius = spineHead(buffers.spineArray, slot, sizing, head);
      if (radius > 0) {
        const position = selection.attributes.position as BufferAttribute;
        position.setXYZ(0, head[0], head[1], head[2]);
        position.needsUpdate = true;
        const depth = Math.max(1e-3, (head[0] - camera.position.x) * forward.x + (head[1] - camera.position.y) * forward.y + (head[2] - camera.position.z) * forward.z);
        const size = selection.attributes.aRadiusPx as BufferAttribute;
        size.setX(0, (1.3 * radius) / (pixelWorld * depth));
        size.needsUpdate = true;
      }
    }
    marker.visible = radius > 0;
  });

  return (
    <>
      <mesh ref={mesh} geometry={buffers.spines} material={spineMaterial} frustumCulled={false} />
      <points geometry={buffers.markers} material={markerMaterial} frustumCulled={false} renderOrder={2} />
      <points ref={ring} geometry={selection} material={selectionMaterial} frustumCulled={false} renderOrder={3} visible={false} />
    </>
  );
}
