import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import type { PerspectiveCamera } from 'three';

/** Draws the 3D view once at `width`×`height` pixels, whatever the window size, and returns the picture. */
export type SceneCapturer = (width: number, height: number) => HTMLCanvasElement;

let current: SceneCapturer | null = null;

/** The capturer of the 3D view on screen, or null while there is none (no WebGL, or not yet drawn). */
export function sceneCapturer(): SceneCapturer | null {
  return current;
}

/**
 * Inside the Canvas: registers a capturer that renders the scene at the asked size with the current
 * camera (no view offset: the picture gets its own legend), copies it, and puts the view back as it was.
 */
export function SceneCapture() {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const capture: SceneCapturer = (width, height) => {
      const canvas = gl.domElement;
      const before = { width: canvas.width, height: canvas.height, styleWidth: canvas.style.width, styleHeight: canvas.style.height, ratio: gl.getPixelRatio() };
      const shot = camera.clone();
      shot.clearViewOffset();
      shot.aspect = width / height;
      shot.updateProjectionMatrix();
      gl.setPixelRatio(1);
      gl.setSize(width, height, false);
      gl.render(scene, shot);
      const out = document.createElement('canvas');
      out.width = width;
      out.height = height;
      out.getContext('2d')!.drawImage(canvas, 0, 0);
      gl.setPixelRatio(before.ratio);
      gl.setSize(before.width / before.ratio, before.height / before.ratio, false);
      canvas.style.width = before.styleWidth;
      canvas.style.height = before.styleHeight;
      invalidate();
      return out;
    };
    current = capture;
    return () => {
      if (current === capture) current = null;
    };
  }, [gl, scene, camera, invalidate]);
  return null;
}
