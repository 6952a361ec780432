import { pointAlong, type Neuron } from '../../model/Morphology';

export type Vec3 = [number, number, number];

export interface CameraPose {
  readonly position: Vec3;
  readonly target: Vec3;
}

export interface Bounds {
  readonly centre: Vec3;
  /** Half the box's size along x, y and z (µm). */
  readonly halfExtents: Vec3;
}

/**
 * The bounding box of some neurons as displayed: all of them, or the one numbered `which`, optionally
 * only the branches `include` accepts (the imaged tuft, say).
 */
export function neuronBounds(neurons: readonly Neuron[], neuronOffsetsUm: Float32Array, which?: number, include?: (neuron: number, branch: number) => boolean): Bounds {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  neurons.forEach((neuron, n) => {
    if (which !== undefined && n !== which) return;
    for (const branch of neuron.branches) {
      if (include && !include(n, branch.index)) continue;
      const p = branch.pointsUm;
      for (let i = 0; i < p.length; i += 3) {
        for (let a = 0; a < 3; a++) {
          const value = p[i + a] + neuronOffsetsUm[n * 3 + a];
          if (value < min[a]) min[a] = value;
          if (value > max[a]) max[a] = value;
        }
      }
    }
  });
  if (!Number.isFinite(min[0])) return { centre: [0, 0, 0], halfExtents: [100, 100, 100] };
  return {
    centre: [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2],
    halfExtents: [(max[0] - min[0]) / 2, (max[1] - min[1]) / 2, (max[2] - min[2]) / 2],
  };
}

/**
 * A pose that fits a box in view, seen from `direction` (from target to camera; nearly the front): the
 * distance at which the box's width and height both fit the field of view, plus a margin.
 */
export function framePose(bounds: Bounds, fovDegrees: number, aspect: number, direction: Vec3 = [0, 0.12, 1], margin = 1.15): CameraPose {
  const tanVertical = Math.tan((fovDegrees * Math.PI) / 360);
  const tanHorizontal = tanVertical * Math.max(0.1, aspect);
  const [hx, hy, hz] = bounds.halfExtents;
  // The box's extent across the view: its x and z sizes mix as the view turns about y.
  const across = Math.max(hx, hz * 0.3);
  const distance = Math.max(hy / tanVertical, across / tanHorizontal) * margin + hz;
  const n = Math.hypot(direction[0], direction[1], direction[2]) || 1;
  const [cx, cy, cz] = bounds.centre;
  return {
    target: [cx, cy, cz],
    position: [cx + (direction[0] / n) * distance, cy + (direction[1] / n) * distance, cz + (direction[2] / n) * distance],
  };
}

/** Width of the microscope's field of view (µm): a two-photon close-up of one dendritic segment. */
export const MICROSCOPE_FIELD_UM = 24;

/**
 * The "microscope": a close-up of one segment of apical tuft, the dendrites the experiment imaged. Takes
 * the longest imaged branch of the neuron and looks at its middle from the side and a little above,
 * with the segment across the picture.
 */
export function microscopePose(neurons: readonly Neuron[], neuronOffsetsUm: Float32Array, imagedBranches: readonly Uint8Array[], neuronIndex: number, fovDegrees: number, aspect: number): CameraPose | null {
  const neuron = neurons[neuronIndex];
  if (!neuron) return null;
  let best = -1;
  let bestLength = 0;
  neuron.branches.forEach((branch, b) => {
    const imaged = imagedBranches[neuronIndex]?.[b] === 1;
    // Prefer imaged tuft; fall back to any spiny branch (an imported neuron without a tuft).
    const score = branch.spiny ? branch.lengthUm * (imaged ? 10 : 1) : 0;
    if (score > bestLength) {
      bestLength = score;
      best = b;
    }
  });
  if (best < 0) return null;
  const branch = neuron.branches[best];
  const point = new Float64Array(7);
  pointAlong(branch, branch.lengthUm / 2, point);
  const tangent: Vec3 = [point[3], point[4], point[5]];
  // View direction: perpendicular to the segment, as close as possible to "from the front and above".
  const wanted: Vec3 = [0, 0.6, 1];
  const along = wanted[0] * tangent[0] + wanted[1] * tangent[1] + wanted[2] * tangent[2];
  let direction: Vec3 = [wanted[0] - along * tangent[0], wanted[1] - along * tangent[1], wanted[2] - along * tangent[2]];
  if (Math.hypot(...direction) < 1e-3) direction = [1, 0, 0];
  const target: Vec3 = [point[0] + neuronOffsetsUm[neuronIndex * 3], point[1] + neuronOffsetsUm[neuronIndex * 3 + 1], point[2] + neuronOffsetsUm[neuronIndex * 3 + 2]];
  const half = MICROSCOPE_FIELD_UM / 2;
  return framePose({ centre: target, halfExtents: [half, half / Math.max(0.5, aspect), 0] }, fovDegrees, aspect, direction, 1);
}
