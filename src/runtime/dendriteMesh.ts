import type { Neuron } from '../model/Morphology';

/** Sides of each dendrite tube. */
export const DENDRITE_RADIAL_SEGMENTS = 6;
const SOMA_WIDTH_SEGMENTS = 16;
const SOMA_HEIGHT_SEGMENTS = 12;
/**
 * Most tube rings drawn for all neurons together. Reconstructions of whole-brain projections hold hundreds
 * of thousands of samples; past this, short segments are merged (level of detail) so the mesh stays a few
 * megabytes and quick to build and draw. A procedural scene of 30 neurons needs about 40,000 rings.
 */
export const MAX_DENDRITE_RINGS = 120_000;

/**
 * All neurons as the arrays of one mesh (one draw call): every branch a tapered tube along its polyline,
 * every soma a sphere. Vertices store the centre-line point (`position`), the outward unit vector
 * (`normal`) and the radius (`radius`) separately, so the shader can widen thin dendrites to a minimum
 * on-screen width. `imaged` is 1 on the branches the microscope scores (apical tuft).
 *
 * Pure typed arrays with no rendering library, so the worker builds it off the main thread and transfers it.
 */
export interface DendriteMesh {
  readonly position: Float32Array;
  readonly normal: Float32Array;
  readonly radius: Float32Array;
  readonly imaged: Float32Array;
  readonly index: Uint32Array | Uint16Array;
  /** Sphere around every vertex (centre x, y, z and radius, µm), for framing and culling. */
  readonly bounds: Float32Array;
  /** Centre-line points drawn out of those in the neurons (fewer when short segments were merged). */
  readonly ringsDrawn: number;
  readonly ringsInNeurons: number;
}

export interface DendriteMeshOptions {
  readonly radialSegments?: number;
  readonly maxRings?: number;
}

/** The mesh's transferable buffers, for postMessage. */
export function dendriteMeshBuffers(mesh: DendriteMesh): ArrayBuffer[] {
  return [mesh.position, mesh.normal, mesh.radius, mesh.imaged, mesh.index, mesh.bounds].map((array) => array.buffer as ArrayBuffer);
}

export function buildDendriteMesh(
  neurons: readonly Neuron[], neuronOffsetsUm: Float32Array, imagedBranches: readonly Uint8Array[], options: DendriteMeshOptions = {},
): DendriteMesh {
  const radialSegments = options.radialSegments ?? DENDRITE_RADIAL_SEGMENTS;
  const kept = keptPoints(neurons, options.maxRings ?? MAX_DENDRITE_RINGS);
  let vertexCount = 0;
  let indexCount = 0;
  let ringsInNeurons = 0;
  for (let n = 0; n < neurons.length; n++) {
    neurons[n].branches.forEach((branch, b) => {
      const rings = kept[n][b].length;
      ringsInNeurons += branch.radiiUm.length;
      vertexCount += rings * radialSegments;
      indexCount += (rings - 1) * radialSegments * 6;
    });
    vertexCount += (SOMA_WIDTH_SEGMENTS + 1) * (SOMA_HEIGHT_SEGMENTS + 1);
    indexCount += SOMA_WIDTH_SEGMENTS * SOMA_HEIGHT_SEGMENTS * 6;
  }
  const position = new Float32Array(vertexCount * 3);
  const normal = new Float32Array(vertexCount * 3);
  const radius = new Float32Array(vertexCount);
  const imaged = new Float32Array(vertexCount);
  const index = vertexCount > 65535 ? new Uint32Array(indexCount) : new Uint16Array(indexCount);
  let v = 0;
  let k = 0;
  let ringsDrawn = 0;
  const tangent = [0, 0, 0];
  const u = [0, 0, 0];
  const w = [0, 0, 0];

  neurons.forEach((neuron, n) => {
    const ox = neuronOffsetsUm[n * 3];
    const oy = neuronOffsetsUm[n * 3 + 1];
    const oz = neuronOffsetsUm[n * 3 + 2];
    neuron.branches.forEach((branch, b) => {
      const p = branch.pointsUm;
      const points = kept[n][b];
      const rings = points.length;
      ringsDrawn += rings;
      const flag = imagedBranches[n]?.[b] ? 1 : 0;
      for (let r = 0; r < rings; r++) {
        const i = points[r];
        // Tangent: along the polyline (averaged at inner points).
        const a = points[Math.max(0, r - 1)] * 3;
        const c = points[Math.min(rings - 1, r + 1)] * 3;
        tangent[0] = p[c] - p[a];
        tangent[1] = p[c + 1] - p[a + 1];
        tangent[2] = p[c + 2] - p[a + 2];
        normalise(tangent);
        if (r === 0) {
          // Any vector perpendicular to the first tangent starts the frame.
          const helper = Math.abs(tangent[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0];
          cross(helper, tangent, u);
          normalise(u);
        } else {
          // Parallel transport: remove the tangent component of the previous u, so rings do not twist.
          const d = u[0] * tangent[0] + u[1] * tangent[1] + u[2] * tangent[2];
          u[0] -= d * tangent[0];
          u[1] -= d * tangent[1];
          u[2] -= d * tangent[2];
          normalise(u);
        }
        cross(tangent, u, w);
        for (let j = 0; j < radialSegments; j++) {
          const angle = (2 * Math.PI * j) / radialSegments;
          const cos = Math.cos(angle);
          const sin = Math.sin(angle);
          position[v * 3] = p[i * 3] + ox;
          position[v * 3 + 1] = p[i * 3 + 1] + oy;
          position[v * 3 + 2] = p[i * 3 + 2] + oz;
          normal[v * 3] = cos * u[0] + sin * w[0];
          normal[v * 3 + 1] = cos * u[1] + sin * w[1];
          normal[v * 3 + 2] = cos * u[2] + sin * w[2];
          radius[v] = branch.radiiUm[i];
          imaged[v] = flag;
          v++;
        }
        if (r > 0) {
          const ring = v - radialSegments;
          const previous = ring - radialSegments;
          for (let j = 0; j < radialSegments; j++) {
            const j1 = (j + 1) % radialSegments;
            index[k++] = previous + j;
            index[k++] = ring + j;
            index[k++] = previous + j1;
            index[k++] = previous + j1;
            index[k++] = ring + j;
            index[k++] = ring + j1;
          }
        }
      }
    });
    // Soma: a UV sphere.
    const first = v;
    const [cx, cy, cz] = neuron.somaCentreUm;
    for (let iy = 0; iy <= SOMA_HEIGHT_SEGMENTS; iy++) {
      const theta = (Math.PI * iy) / SOMA_HEIGHT_SEGMENTS;
      for (let ix = 0; ix <= SOMA_WIDTH_SEGMENTS; ix++) {
        const phi = (2 * Math.PI * ix) / SOMA_WIDTH_SEGMENTS;
        position[v * 3] = cx + ox;
        position[v * 3 + 1] = cy + oy;
        position[v * 3 + 2] = cz + oz;
        normal[v * 3] = Math.sin(theta) * Math.cos(phi);
        normal[v * 3 + 1] = Math.cos(theta);
        normal[v * 3 + 2] = Math.sin(theta) * Math.sin(phi);
        radius[v] = neuron.somaRadiusUm;
        imaged[v] = 0;
        v++;
      }
    }
    const row = SOMA_WIDTH_SEGMENTS + 1;
    for (let iy = 0; iy < SOMA_HEIGHT_SEGMENTS; iy++) {
      for (let ix = 0; ix < SOMA_WIDTH_SEGMENTS; ix++) {
        const a = first + iy * row + ix;
        const b = a + row;
        index[k++] = a;
        index[k++] = b;
        index[k++] = a + 1;
        index[k++] = a + 1;
        index[k++] = b;
        index[k++] = b + 1;
      }
    }
  });
  return { position, normal, radius, imaged, index, bounds: boundingSphere(position, radius), ringsDrawn, ringsInNeurons };
}

/**
 * Which points of each branch become tube rings: all of them while the neurons fit `maxRings`, otherwise
 * points closer than a spacing to the last kept one are merged into it (ends always kept), the spacing
 * doubled until the rings fit.
 */
function keptPoints(neurons: readonly Neuron[], maxRings: number): number[][][] {
  let spacingUm = 0;
  let total = 0;
  let lengthUm = 0;
  for (const neuron of neurons) {
    for (const branch of neuron.branches) {
      total += branch.radiiUm.length;
      lengthUm += branch.lengthUm;
    }
  }
  if (total > maxRings) spacingUm = lengthUm / maxRings;
  for (;;) {
    let rings = 0;
    const kept = neurons.map((neuron) => neuron.branches.map((branch) => {
      const points = thin(branch.pointsUm, branch.radiiUm.length, spacingUm);
      rings += points.length;
      return points;
    }));
    if (rings <= maxRings || spacingUm === 0) return kept;
    spacingUm *= 2;
  }
}

function thin(p: ArrayLike<number>, count: number, spacingUm: number): number[] {
  if (spacingUm <= 0 || count <= 2) return Array.from({ length: count }, (_, i) => i);
  const kept = [0];
  let last = 0;
  for (let i = 1; i < count - 1; i++) {
    const d = Math.hypot(p[i * 3] - p[last * 3], p[i * 3 + 1] - p[last * 3 + 1], p[i * 3 + 2] - p[last * 3 + 2]);
    if (d >= spacingUm) {
      kept.push(i);
      last = i;
    }
  }
  kept.push(count - 1);
  return kept;
}

/** A sphere around every vertex widened by its radius: centre of the box, radius to its farthest vertex. */
function boundingSphere(position: Float32Array, radius: Float32Array): Float32Array {
  let minX = Infinity, minY = Infinity, minZ = Infinity, maxX = -Infinity, maxY = -Infinity, maxZ = -Infinity;
  for (let i = 0; i < position.length; i += 3) {
    minX = Math.min(minX, position[i]); maxX = Math.max(maxX, position[i]);
    minY = Math.min(minY, position[i + 1]); maxY = Math.max(maxY, position[i + 1]);
    minZ = Math.min(minZ, position[i + 2]); maxZ = Math.max(maxZ, position[i + 2]);
  }
  if (!(maxX >= minX)) return Float32Array.of(0, 0, 0, 0);
  const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2, cz = (minZ + maxZ) / 2;
  let r = 0;
  for (let i = 0, v = 0; i < position.length; i += 3, v++) {
    r = Math.max(r, Math.hypot(position[i] - cx, position[i + 1] - cy, position[i + 2] - cz) + radius[v]);
  }
  return Float32Array.of(cx, cy, cz, r);
}

function normalise(v: number[]): void {
  const n = Math.hypot(v[0], v[1], v[2]) || 1;
  v[0] /= n;
  v[1] /= n;
  v[2] /= n;
}

function cross(a: readonly number[], b: readonly number[], out: number[]): void {
  const x = a[1] * b[2] - a[2] * b[1];
  const y = a[2] * b[0] - a[0] * b[2];
  const z = a[0] * b[1] - a[1] * b[0];
  out[0] = x;
  out[1] = y;
  out[2] = z;
}
