/**
 * In-page part of sceneFrameTime.bench.ts: draws the app's scene (the same geometry, shaders and frame
 * buffers as the 3D view, without React) and a bare three.js InstancedMesh with the same number of
 * triangles, and times frames of each. A frame is timed to completion by reading back one pixel.
 */
import {
  Color,
  InstancedMesh,
  Matrix4,
  Mesh,
  MeshLambertMaterial,
  PerspectiveCamera,
  Points,
  Quaternion,
  Scene,
  Vector3,
  WebGLRenderer,
  AmbientLight,
  DirectionalLight,
} from 'three';
import { LOST_SITE_STRIDE, LostSiteMarkers } from '../../../src/model/LostSiteMarkers';
import { neuronLayout } from '../../../src/model/neuronLayout';
import { scenarioProtocol } from '../../../src/model/scenarios';
import { Simulation } from '../../../src/model/Simulation';
import { SPINE_FRAME_STRIDE, writeSpineFrame } from '../../../src/model/writeSpineFrame';
import { framePose, neuronBounds } from '../../../src/view/scene/cameraPoses';
import { buildDendriteMesh } from '../../../src/runtime/dendriteMesh';
import { dendriteGeometry } from '../../../src/view/scene/dendriteGeometry';
import { createDendriteMaterial, createLostSiteMaterial, createSpineMaterial, setPixelWorld, SPINE_NECK_LENGTH_UM } from '../../../src/view/scene/materials';
import { spineGeometry } from '../../../src/view/scene/spineGeometry';
import { SpineBuffers } from '../../../src/view/scene/SpineBuffers';
import { screenPalette } from '../../../src/view/palette';

interface Result {
  readonly label: string;
  readonly triangles: number;
  readonly medianMs: number;
}

declare global {
  interface Window {
    runSceneBench: (options: { neurons: number; frames: number; atHours: number }) => Promise<Result[]>;
  }
}

window.runSceneBench = async ({ neurons, frames, atHours }) => {
  const canvas = document.getElementById('canvas') as HTMLCanvasElement;
  const renderer = new WebGLRenderer({ canvas, antialias: false });
  renderer.setPixelRatio(1);
  renderer.setSize(800, 600, false);
  const gl = renderer.getContext();
  const pixel = new Uint8Array(4);

  // The model's state at the chosen time, as the worker would send it.
  const sim = new Simulation({ protocol: scenarioProtocol('stress-ketamine', neurons), seed: 1 });
  sim.advanceTo(atHours);
  const layout = neuronLayout(sim.neurons, sim.branches.map((b) => b.neuronIndex));
  const markerOffset = sim.spines.capacity * SPINE_FRAME_STRIDE;
  const frame = new Float32Array(markerOffset + 16_384 * LOST_SITE_STRIDE);
  const stats = writeSpineFrame(sim, layout.branchOffsetsUm, frame);
  const markerCount = new LostSiteMarkers(sim, layout.branchOffsetsUm).write(frame, markerOffset, 16_384);
  const buffers = new SpineBuffers(sim.spines.capacity, 16_384);
  buffers.apply(frame, stats.spineCount, markerOffset, markerCount);

  const camera = new PerspectiveCamera(40, 800 / 600, 1, 20_000);
  const pose = framePose(neuronBounds(sim.neurons, layout.neuronOffsetsUm), 40, 800 / 600);
  camera.position.set(...pose.position);
  camera.lookAt(new Vector3(...pose.target));
  camera.updateMatrixWorld();

  const imaged = sim.neurons.map((_, n) => Uint8Array.from(sim.branches.filter((b) => b.neuronIndex === n), (b) => (b.imaged ? 1 : 0)));
  const dendrites = new Mesh(dendriteGeometry(buildDendriteMesh(sim.neurons, layout.neuronOffsetsUm, imaged)), createDendriteMaterial(screenPalette, 1));
  const spineMaterial = createSpineMaterial(screenPalette, 1);
  const spines = new Mesh(buffers.spines, spineMaterial);
  spines.frustumCulled = false;
  const markerMaterial = createLostSiteMaterial(screenPalette, 1);
  const markers = new Points(buffers.markers, markerMaterial);
  markers.frustumCulled = false;
  setPixelWorld([dendrites.material, spineMaterial, markerMaterial], camera.fov, 600);

  const spineTriangles = (buffers.spines.index!.count / 3) * stats.spineCount;
  const dendriteTriangles = dendrites.geometry.index!.count / 3;

  // The bare baseline: one InstancedMesh of the same spine shape, same instances, placed and sized as
  // the spine shader draws them (minimum screen size included), with a stock material.
  function bareInstanced(instances: number): InstancedMesh {
    const mesh = new InstancedMesh(spineGeometry(), new MeshLambertMaterial({ color: new Color('#c9ced6') }), instances);
    const matrix = new Matrix4();
    const rotation = new Quaternion();
    const up = new Vector3(0, 1, 0);
    const direction = new Vector3();
    const position = new Vector3();
    const scale = new Vector3();
    const worldPerPixel = (2 * Math.tan((camera.fov * Math.PI) / 360)) / 600;
    for (let i = 0; i < instances; i++) {
      const slot = i % stats.spineCount;
      const o = slot * SPINE_FRAME_STRIDE;
      position.set(frame[o], frame[o + 1], frame[o + 2]);
      direction.set(frame[o + 3], frame[o + 4], frame[o + 5]);
      const grow = direction.length();
      if (grow < 1e-3) direction.set(0, 1, 0);
      rotation.setFromUnitVectors(up, direction.normalize());
      const headRadius = Math.max(0.5 * frame[o + 6], 0.05);
      const depth = position.distanceTo(camera.position);
      const s = grow * Math.max(1, (screenPalette.minHeadRadiusPx * worldPerPixel * depth) / headRadius) * headRadius;
      scale.set(s, s * (1 + SPINE_NECK_LENGTH_UM / headRadius), s);
      matrix.compose(position, rotation, scale);
      mesh.setMatrixAt(i, matrix);
    }
    mesh.frustumCulled = false;
    return mesh;
  }

  function time(label: string, scene: Scene, triangles: number): Result {
    const samples: number[] = [];
    for (let i = 0; i < frames + 2; i++) {
      const started = performance.now();
      renderer.render(scene, camera);
      gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
      if (i >= 2) samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    return { label, triangles, medianMs: samples[samples.length >> 1] };
  }

  const lights = () => [new AmbientLight(0xffffff, 0.6), new DirectionalLight(0xffffff, 1.2)];
  const results: Result[] = [];
  const spinesOnly = new Scene();
  spinesOnly.add(spines);
  results.push(time(`spines: instanced mesh fed by frames (${stats.spineCount} instances)`, spinesOnly, spineTriangles));
  const bareSpines = new Scene();
  bareSpines.add(bareInstanced(stats.spineCount), ...lights());
  results.push(time(`bare three.js InstancedMesh, same shape and instances`, bareSpines, spineTriangles));

  const full = new Scene();
  full.add(dendrites, spines, markers);
  results.push(time(`whole scene: dendrites, spines, ${markerCount} lost-site markers`, full, spineTriangles + dendriteTriangles));
  const bareFull = new Scene();
  const perSpine = buffers.spines.index!.count / 3;
  bareFull.add(bareInstanced(Math.round((spineTriangles + dendriteTriangles) / perSpine)), ...lights());
  results.push(time(`bare three.js InstancedMesh, same triangle count`, bareFull, spineTriangles + dendriteTriangles));
  renderer.dispose();
  return results;
};
