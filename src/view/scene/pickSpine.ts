import { SPINE_FRAME_CATEGORY, SPINE_FRAME_STRIDE } from '../../model/writeSpineFrame';
import { SPINE_NECK_LENGTH_UM, TYPICAL_DENDRITE_RADIUS_UM } from './materials';
import { categoryMinHeadRadius } from './spineCues';

/** What the spine shader needs to know about the view to size spines (and so does picking). */
export interface ViewSizing {
  /** Camera position and unit viewing direction (world, µm). */
  readonly cameraPosition: readonly [number, number, number];
  readonly cameraForward: readonly [number, number, number];
  /** World size of one drawing-buffer pixel at distance 1. */
  readonly pixelWorld: number;
  readonly minHeadRadiusPx: number;
  readonly minDendriteRadiusPx: number;
}

export interface PickRay extends ViewSizing {
  /** Ray origin and unit direction (world, µm). */
  readonly origin: readonly [number, number, number];
  readonly direction: readonly [number, number, number];
  /** Extra tolerance around each head, in pixels, so small spines can be clicked. */
  readonly tolerancePx: number;
}

/**
 * Where the spine shader draws the head of the spine in `slot`: writes its centre into `out` and returns
 * its drawn radius (µm), or 0 when the spine is not drawn. Mirrors the vertex shader in materials.ts.
 */
export function spineHead(frame: Float32Array, slot: number, view: ViewSizing, out: Float64Array | number[]): number {
  const o = slot * SPINE_FRAME_STRIDE;
  const dx = frame[o + 3];
  const dy = frame[o + 4];
  const dz = frame[o + 5];
  const grow = Math.hypot(dx, dy, dz);
  if (grow < 1e-3) return 0;
  const bx = frame[o];
  const by = frame[o + 1];
  const bz = frame[o + 2];
  const [cx, cy, cz] = view.cameraPosition;
  const [fx, fy, fz] = view.cameraForward;
  const depth = Math.max(1e-3, (bx - cx) * fx + (by - cy) * fy + (bz - cz) * fz);
  const pixel = view.pixelWorld * depth;
  const headRadius = Math.max(0.5 * frame[o + 6], 0.05);
  const scale = grow * Math.max(1, (categoryMinHeadRadius(frame[o + SPINE_FRAME_CATEGORY], view.minHeadRadiusPx, pixel) * pixel) / headRadius);
  const lift = Math.max(0, view.minDendriteRadiusPx * pixel - TYPICAL_DENDRITE_RADIUS_UM);
  const along = (lift + scale * (SPINE_NECK_LENGTH_UM + 0.8 * headRadius)) / grow;
  out[0] = bx + dx * along;
  out[1] = by + dy * along;
  out[2] = bz + dz * along;
  return scale * headRadius;
}

const head = new Float64Array(3);

/**
 * The slot of the spine whose head the ray meets first, or -1. Heads are placed and sized as the spine
 * shader draws them (minimum screen size included), so what you see is what you click.
 */
export function pickSpine(frame: Float32Array, spineCount: number, ray: PickRay): number {
  const [ox, oy, oz] = ray.origin;
  const [rx, ry, rz] = ray.direction;
  const [cx, cy, cz] = ray.cameraPosition;
  const [fx, fy, fz] = ray.cameraForward;
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < spineCount; i++) {
    const radius = spineHead(frame, i, ray, head);
    if (radius === 0) continue;
    const hx = head[0] - ox;
    const hy = head[1] - oy;
    const hz = head[2] - oz;
    const t = hx * rx + hy * ry + hz * rz;
    if (t <= 0) continue;
    const px = hx - t * rx;
    const py = hy - t * ry;
    const pz = hz - t * rz;
    const depth = Math.max(1e-3, (head[0] - cx) * fx + (head[1] - cy) * fy + (head[2] - cz) * fz);
    const reach = radius + ray.tolerancePx * ray.pixelWorld * depth;
    const miss = px * px + py * py + pz * pz;
    if (miss > reach * reach) continue;
    // Distance to the entry point of the (tolerance-widened) head sphere along the ray.
    const entry = t - Math.sqrt(reach * reach - miss);
    if (entry < bestDistance) {
      bestDistance = entry;
      best = i;
    }
  }
  return best;
}
