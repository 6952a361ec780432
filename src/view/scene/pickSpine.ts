import { SPINE_FRAME_STRIDE } from '../../model/writeSpineFrame';
import { SPINE_NECK_LENGTH_UM, TYPICAL_DENDRITE_RADIUS_UM } from './materials';

export interface PickRay {
  /** Ray origin and unit direction (world, µm). */
  readonly origin: readonly [number, number, number];
  readonly direction: readonly [number, number, number];
  /** Camera position and unit viewing direction, to size spines as the shader does. */
  readonly cameraPosition: readonly [number, number, number];
  readonly cameraForward: readonly [number, number, number];
  /** World size of one drawing-buffer pixel at distance 1. */
  readonly pixelWorld: number;
  readonly minHeadRadiusPx: number;
  readonly minDendriteRadiusPx: number;
  /** Extra tolerance around each head, in pixels, so small spines can be clicked. */
  readonly tolerancePx: number;
}

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
  for (let i = 0, o = 0; i < spineCount; i++, o += SPINE_FRAME_STRIDE) {
    const dx = frame[o + 3];
    const dy = frame[o + 4];
    const dz = frame[o + 5];
    const grow = Math.hypot(dx, dy, dz);
    if (grow < 1e-3) continue;
    const bx = frame[o];
    const by = frame[o + 1];
    const bz = frame[o + 2];
    const depth = Math.max(1e-3, (bx - cx) * fx + (by - cy) * fy + (bz - cz) * fz);
    const pixel = ray.pixelWorld * depth;
    const headRadius = Math.max(0.5 * frame[o + 6], 0.05);
    const scale = grow * Math.max(1, (ray.minHeadRadiusPx * pixel) / headRadius);
    const lift = Math.max(0, ray.minDendriteRadiusPx * pixel - TYPICAL_DENDRITE_RADIUS_UM);
    const along = lift + scale * (SPINE_NECK_LENGTH_UM + 0.8 * headRadius);
    const ux = dx / grow;
    const uy = dy / grow;
    const uz = dz / grow;
    const hx = bx + ux * along - ox;
    const hy = by + uy * along - oy;
    const hz = bz + uz * along - oz;
    const t = hx * rx + hy * ry + hz * rz;
    if (t <= 0) continue;
    const px = hx - t * rx;
    const py = hy - t * ry;
    const pz = hz - t * rz;
    const reach = scale * headRadius + ray.tolerancePx * pixel;
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
