import { BufferAttribute, BufferGeometry } from 'three';
import type { Neuron } from '../../model/Morphology';

export const DENDRITE_RADIAL_SEGMENTS = 6;
const SOMA_WIDTH_SEGMENTS = 16;
const SOMA_HEIGHT_SEGMENTS = 12;

/**
 * All neurons as one geometry (one draw call): every branch a tapered tube along its polyline, every soma
 * a sphere. Vertices store the centre-line point (`position`), the outward unit vector (`normal`) and the
 * radius (`aRadius`) separately, so the shader can widen thin dendrites to a minimum on-screen width.
 * `aImaged` is 1 on the branches the microscope scores (apical tuft).
 */
export function dendriteGeometry(neurons: readonly Neuron[], neuronOffsetsUm: Float32Array, imagedBranches: readonly Uint8Array[], radialSegments = DENDRITE_RADIAL_SEGMENTS): BufferGeometry {
  let vertexCount = 0;
  let indexCount = 0;
  for (const neuron of neurons) {
    for (const branch of neuron.branches) {
      const rings = branch.radiiUm.length;
      vertexCount += rings * radialSegments;
      indexCount += (rings - 1) * radialSegments * 6;
    }
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
  const tangent = [0, 0, 0];
  const u = [0, 0, 0];
  const w = [0, 0, 0];

  neurons.forEach((neuron, n) => {
    const ox = neuronOffsetsUm[n * 3];
    const oy = neuronOffsetsUm[n * 3 + 1];
    const oz = neuronOffsetsUm[n * 3 + 2];
    neuron.branches.forEach((branch, b) => {
      const p = branch.pointsUm;
      const rings = branch.radiiUm.length;
      const flag = imagedBranches[n]?.[b] ? 1 : 0;
      for (let i = 0; i < rings; i++) {
        // Tangent: along the polyline (averaged at inner points).
        const a = Math.max(0, i - 1) * 3;
        const c = Math.min(rings - 1, i + 1) * 3;
        tangent[0] = p[c] - p[a];
        tangent[1] = p[c + 1] - p[a + 1];
        tangent[2] = p[c + 2] - p[a + 2];
        normalise(tangent);
        if (i === 0) {
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
        if (i > 0) {
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
        const nx = Math.sin(theta) * Math.cos(phi);
        const ny = Math.cos(theta);
        const nz = Math.sin(theta) * Math.sin(phi);
        position[v * 3] = cx + ox;
        position[v * 3 + 1] = cy + oy;
        position[v * 3 + 2] = cz + oz;
        normal[v * 3] = nx;
        normal[v * 3 + 1] = ny;
        normal[v * 3 + 2] = nz;
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

  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(position, 3));
  geometry.setAttribute('normal', new BufferAttribute(normal, 3));
  geometry.setAttribute('aRadius', new BufferAttribute(radius, 1));
  geometry.setAttribute('aImaged', new BufferAttribute(imaged, 1));
  geometry.setIndex(new BufferAttribute(index, 1));
  geometry.computeBoundingSphere();
  return geometry;
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
