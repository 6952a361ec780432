import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { Raycaster, Vector2, Vector3, type PerspectiveCamera } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { AppStore, CameraView } from '../../state/appState';
import type { SimulationClient } from '../../state/SimulationClient';
import type { Palette } from '../palette';
import { framePose, microscopePose, neuronBounds, type CameraPose } from './cameraPoses';
import { pickSpine } from './pickSpine';
import type { SpineBuffers } from './SpineBuffers';
import { sideViewport, type SideBySideLayout } from './SideBySideScene';

const TRANSITION_SECONDS = 0.8;
/** A press that moves less than this (px) is a click (pick a spine), not an orbit. */
const CLICK_SLOP_PX = 5;

const raycaster = new Raycaster();
const pointer = new Vector2();
const forward = new Vector3();
const fromPosition = new Vector3();
const fromTarget = new Vector3();
const toPosition = new Vector3();
const toTarget = new Vector3();

/** The camera and controls of the 3D view on screen (there is one at a time), for `cameraPoseOnScreen`. */
let shown: { readonly camera: PerspectiveCamera; readonly controls: OrbitControls } | null = null;

/** The pose of the 3D view's camera on screen, or null while there is none (automated checks compare it). */
export function cameraPoseOnScreen(): CameraPose | null {
  if (!shown) return null;
  const { camera, controls } = shown;
  return { position: [camera.position.x, camera.position.y, camera.position.z], target: [controls.target.x, controls.target.y, controls.target.z] };
}

/**
 * Orbit and zoom (three's OrbitControls), framing requests from the UI (all neurons, one neuron, the
 * microscope close-up) with a short eased flight, and click-to-pick of spines. Once the user has moved
 * the camera by hand and it has come to rest, its pose goes into the store (and from there the link);
 * a pose the page opened with is taken up without a flight.
 */
export function CameraRig({ store, client, buffers, palette, animate, insets, sideBySide }: { store: AppStore; client: SimulationClient; buffers: SpineBuffers; palette: Palette; animate: boolean; insets: ViewInsets; sideBySide?: SideBySideLayout }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const gl = useThree((s) => s.gl);
  const invalidate = useThree((s) => s.invalidate);
  const size = useThree((s) => s.size);
  const controls = useRef<OrbitControls | null>(null);
  const flight = useRef({ active: false, elapsed: 0 });
  /**
   * `moving`: the user moved the camera (mouse, touch, wheel or keys) and it has not yet come to rest;
   * `held`: a pointer is still down on the view (holding still is not rest).
   */
  const byHand = useRef({ moving: false, held: false });
  const paletteRef = useRef(palette);
  paletteRef.current = palette;

  useEffect(() => {
    const orbit = new OrbitControls(camera, gl.domElement);
    orbit.enableDamping = true;
    orbit.dampingFactor = 0.12;
    orbit.zoomSpeed = 1.2;
    orbit.minDistance = 3;
    orbit.maxDistance = 20000;
    const onChange = () => invalidate();
    const onStart = () => {
      byHand.current.moving = true;
    };
    const onGrab = () => {
      onStart();
      byHand.current.held = true;
    };
    const onLetGo = () => {
      byHand.current.held = false;
      invalidate();
    };
    orbit.addEventListener('change', onChange);
    orbit.addEventListener('start', onGrab);
    orbit.addEventListener('end', onLetGo);
    // From the keyboard, with the 3D view focused: arrows pan, Shift+arrows rotate, + and − zoom.
    const element = gl.domElement;
    element.tabIndex = 0;
    element.setAttribute('role', 'application');
    const onZoomKey = (event: KeyboardEvent) => {
      // (three's naming: dollyOut divides the distance, so it brings the camera closer.)
      if (event.key.startsWith('Arrow')) return onStart();
      if (event.key === '+' || event.key === '=') orbit.dollyOut(1.25);
      else if (event.key === '-' || event.key === '_') orbit.dollyIn(1.25);
      else return;
      event.preventDefault();
      onStart();
      invalidate();
    };
    // Before the controls' own key listener, so that the move they make counts as the user's.
    element.addEventListener('keydown', onZoomKey);
    orbit.listenToKeyEvents(element);
    controls.current = orbit;
    const registered = { camera, controls: orbit };
    shown = registered;
    return () => {
      if (shown === registered) shown = null;
      element.removeEventListener('keydown', onZoomKey);
      orbit.removeEventListener('change', onChange);
      orbit.removeEventListener('start', onGrab);
      orbit.removeEventListener('end', onLetGo);
      orbit.stopListenToKeyEvents();
      orbit.dispose();
      controls.current = null;
    };
  }, [camera, gl, invalidate, store]);

  // The legend covers the left of the view and the camera buttons its bottom: shift the picture's centre
  // into the uncovered part (a view offset keeps orbiting centred on the subject) and frame into it.
  const left = insets.left > 0 && size.width > insets.left * 2.4 ? insets.left : 0;
  const bottom = insets.bottom > 0 && size.height > insets.bottom * 4 ? insets.bottom : 0;
  const freeHeight = Math.max(1, size.height - bottom);
  // Two conditions side by side: each is framed in its part of the view (and there is no spine to pick).
  const pickable = sideBySide === undefined;
  const side = sideBySide && sideViewport(sideBySide, 0, size.width, size.height);
  const framingAspect = side ? side[2] / side[3] : (size.width - left) / freeHeight;
  const framingFov = (360 / Math.PI) * Math.atan(Math.tan((camera.fov * Math.PI) / 360) * (freeHeight / Math.max(1, size.height)));
  useEffect(() => {
    if (left > 0 || bottom > 0) camera.setViewOffset(size.width, size.height, -left / 2, bottom / 2, size.width, size.height);
    else camera.clearViewOffset();
    invalidate();
  }, [camera, size.width, size.height, left, bottom, invalidate]);

  useEffect(() => {
    const keys = 'Arrows pan, Shift and arrows rotate, plus and minus zoom';
    gl.domElement.setAttribute(
      'aria-label',
      pickable ? `3D view of neurons and their dendritic spines. ${keys}; click a spine for its details.` : `3D view of two conditions side by side, seen from the same camera. ${keys}.`,
    );
  }, [gl, pickable]);

  // Framing requests: a new scene frames everything (or takes up the pose the page opened with); buttons
  // ask for a view.
  useEffect(() => {
    let lastRequest = -1;
    let lastScene: unknown = null;
    const apply = () => {
      const { scene, camera: request } = store.getState();
      if (!scene) return;
      if (scene === lastScene && request.request === lastRequest) return;
      const sameNeurons = lastScene !== null && (lastScene as typeof scene).neurons === scene.neurons;
      const newScene = scene !== lastScene;
      const firstScene = lastScene === null;
      lastScene = scene;
      const requested = request.request !== lastRequest;
      lastRequest = request.request;
      // A reset of the same neurons keeps the user's view.
      if (newScene && sameNeurons && !requested) return;
      if (request.pose) {
        // The first scene opens on the pose of the link; other neurons are framed afresh.
        if (firstScene) return flyTo(request.pose, false);
        store.setState((s) => ({ camera: { view: s.camera.view, request: s.camera.request } }));
      }
      const pose = poseFor(request.view, scene, framingFov, framingAspect);
      if (!pose) return;
      flyTo(pose, animate && !newScene);
    };
    apply();
    return store.subscribe(apply);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, camera, framingFov, framingAspect, animate]);

  function flyTo(pose: CameraPose, smooth: boolean): void {
    const orbit = controls.current;
    byHand.current.moving = false;
    fromPosition.copy(camera.position);
    fromTarget.copy(orbit ? orbit.target : toTarget);
    toPosition.set(...pose.position);
    toTarget.set(...pose.target);
    const distance = toPosition.distanceTo(toTarget);
    camera.near = Math.max(0.05, distance / 200);
    camera.far = Math.max(5000, distance * 20);
    camera.updateProjectionMatrix();
    // A cell of any size (a whole-brain projection reaches centimetres) can be framed and zoomed out from.
    if (orbit) orbit.maxDistance = Math.max(20000, distance * 4);
    if (!smooth) {
      camera.position.copy(toPosition);
      orbit?.target.copy(toTarget);
      orbit?.update();
      flight.current.active = false;
    } else {
      flight.current.active = true;
      flight.current.elapsed = 0;
    }
    invalidate();
  }

  useFrame((_, delta) => {
    const orbit = controls.current;
    const f = flight.current;
    if (f.active) {
      f.elapsed += Math.min(delta, 0.1);
      const x = Math.min(1, f.elapsed / TRANSITION_SECONDS);
      const eased = x < 0.5 ? 4 * x * x * x : 1 - Math.pow(-2 * x + 2, 3) / 2;
      camera.position.lerpVectors(fromPosition, toPosition, eased);
      orbit?.target.lerpVectors(fromTarget, toTarget, eased);
      if (x >= 1) f.active = false;
      invalidate();
    }
    // With damping, update() reports motion still settling: keep drawing until it stops. A move of the
    // user's that has stopped (and is no longer held) puts the pose into the store, once.
    if (!orbit) return;
    if (orbit.update()) invalidate();
    else if (byHand.current.moving && !byHand.current.held && !f.active) {
      byHand.current.moving = false;
      const pose = cameraPoseOnScreen();
      if (pose) store.setState((s) => ({ camera: { ...s.camera, pose } }));
    }
  });

  // Click (not drag) on the canvas picks the spine under the pointer.
  useEffect(() => {
    const element = gl.domElement;
    let downX = 0;
    let downY = 0;
    const onDown = (event: PointerEvent) => {
      downX = event.clientX;
      downY = event.clientY;
    };
    const onUp = (event: PointerEvent) => {
      if (!pickable) return;
      if (Math.hypot(event.clientX - downX, event.clientY - downY) > CLICK_SLOP_PX) return;
      const rect = element.getBoundingClientRect();
      pointer.set(((event.clientX - rect.left) / rect.width) * 2 - 1, -((event.clientY - rect.top) / rect.height) * 2 + 1);
      raycaster.setFromCamera(pointer, camera);
      camera.getWorldDirection(forward);
      const bufferHeight = element.height;
      const pixelRatio = element.height / Math.max(1, rect.height);
      const p = paletteRef.current;
      const slot = pickSpine(buffers.spineArray, buffers.spineCount, {
        origin: [raycaster.ray.origin.x, raycaster.ray.origin.y, raycaster.ray.origin.z],
        direction: [raycaster.ray.direction.x, raycaster.ray.direction.y, raycaster.ray.direction.z],
        cameraPosition: [camera.position.x, camera.position.y, camera.position.z],
        cameraForward: [forward.x, forward.y, forward.z],
        pixelWorld: (2 * Math.tan((camera.fov * Math.PI) / 360)) / Math.max(1, bufferHeight),
        minHeadRadiusPx: p.minHeadRadiusPx * pixelRatio,
        minDendriteRadiusPx: p.minDendriteRadiusPx * pixelRatio,
        tolerancePx: 4 * pixelRatio,
      });
      client.select(slot);
    };
    element.addEventListener('pointerdown', onDown);
    element.addEventListener('pointerup', onUp);
    return () => {
      element.removeEventListener('pointerdown', onDown);
      element.removeEventListener('pointerup', onUp);
    };
  }, [gl, camera, buffers, client, pickable]);

  return null;
}

/** Parts of the view covered by overlays (px). */
export interface ViewInsets {
  readonly left: number;
  readonly bottom: number;
}

function poseFor(view: CameraView, scene: NonNullable<ReturnType<AppStore['getState']>['scene']>, fov: number, aspect: number): CameraPose | null {
  const middle = Math.floor((scene.neurons.length - 1) / 2);
  if (view === 'microscope') return microscopePose(scene.neurons, scene.neuronOffsetsUm, scene.imagedBranches, middle, fov, aspect);
  // One neuron from three-quarters, so that it reads as a 3D cell rather than the middle of a row.
  if (view === 'neuron') return framePose(neuronBounds(scene.neurons, scene.neuronOffsetsUm, middle), fov, aspect, [0.75, 0.2, 1], 1.05);
  if (view === 'tuft') {
    const imaged = (n: number, b: number) => scene.imagedBranches[n]?.[b] === 1;
    return framePose(neuronBounds(scene.neurons, scene.neuronOffsetsUm, middle, imaged), fov, aspect, [0.3, 0.25, 1], 1.05);
  }
  return framePose(neuronBounds(scene.neurons, scene.neuronOffsetsUm), fov, aspect);
}
