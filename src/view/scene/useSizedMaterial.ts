import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, type DependencyList } from 'react';
import { Vector2, type PerspectiveCamera, type ShaderMaterial } from 'three';
import { setPixelWorld } from './materials';

const bufferSize = new Vector2();

/**
 * A shader material made once per dependency change (disposed after), whose `uPixelWorld` uniform
 * follows the camera's field of view and the drawing buffer's height every frame.
 */
export function useSizedMaterial(make: () => ShaderMaterial, deps: DependencyList): ShaderMaterial {
  const material = useMemo(make, deps);
  useEffect(() => () => material.dispose(), [material]);
  const list = useMemo(() => [material], [material]);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  useFrame((state) => {
    setPixelWorld(list, camera.fov, state.gl.getDrawingBufferSize(bufferSize).y);
  });
  return material;
}
