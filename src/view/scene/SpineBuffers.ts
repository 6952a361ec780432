import {
  BufferGeometry,
  InstancedBufferGeometry,
  InstancedInterleavedBuffer,
  InterleavedBuffer,
  InterleavedBufferAttribute,
  Sphere,
  Vector3,
} from 'three';
import { LOST_SITE_STRIDE } from '../../model/LostSiteMarkers';
import {
  SPINE_FRAME_BASE,
  SPINE_FRAME_CATEGORY,
  SPINE_FRAME_DIRECTION,
  SPINE_FRAME_HEAD_DIAMETER,
  SPINE_FRAME_STRIDE,
} from '../../model/writeSpineFrame';
import { spineGeometry } from './spineGeometry';

/**
 * The GPU-side home of spine frames: one instanced geometry whose four per-instance attributes are views
 * into a single interleaved buffer laid out exactly like the worker's frame, so applying a frame is one
 * typed-array copy and one upload; and a point cloud for lost-site markers, likewise. Capacity grows (by
 * rebuilding the geometry) only when the store does.
 */
export class SpineBuffers {
  spines: InstancedBufferGeometry;
  spineData: InstancedInterleavedBuffer;
  readonly markers: BufferGeometry;
  markerData: InterleavedBuffer;
  /** Rows currently shown. */
  spineCount = 0;
  markerCount = 0;
  private readonly shape: BufferGeometry;

  constructor(spineCapacity = 4096, markerCapacity = 4096) {
    this.shape = spineGeometry();
    this.spineData = new InstancedInterleavedBuffer(new Float32Array(spineCapacity * SPINE_FRAME_STRIDE), SPINE_FRAME_STRIDE);
    this.spines = this.buildSpineGeometry(this.spineData);
    this.markerData = new InterleavedBuffer(new Float32Array(markerCapacity * LOST_SITE_STRIDE), LOST_SITE_STRIDE);
    this.markers = new BufferGeometry();
    this.attachMarkerAttributes();
  }

  /**
   * Copies one frame in: `frame` holds `spineCount` spine rows and, from `markerOffset`, `markerCount`
   * marker rows. Returns true when the spine geometry was replaced (capacity grew), so the mesh must
   * take the new `spines` geometry.
   */
  apply(frame: Float32Array, spineCount: number, markerOffset: number, markerCount: number): boolean {
    let replaced = false;
    const spineFloats = spineCount * SPINE_FRAME_STRIDE;
    if (spineFloats > this.spineData.array.length) {
      this.spines.dispose();
      this.spineData = new InstancedInterleavedBuffer(new Float32Array(Math.ceil(spineCount * 1.5) * SPINE_FRAME_STRIDE), SPINE_FRAME_STRIDE);
      this.spines = this.buildSpineGeometry(this.spineData);
      replaced = true;
    }
    const spineArray = this.spineData.array as Float32Array;
    spineArray.set(frame.subarray(0, spineFloats));
    this.spineData.clearUpdateRanges();
    this.spineData.addUpdateRange(0, spineFloats);
    this.spineData.needsUpdate = true;
    this.spines.instanceCount = spineCount;
    this.spineCount = spineCount;

    const markerFloats = markerCount * LOST_SITE_STRIDE;
    if (markerFloats > this.markerData.array.length) {
      this.markers.dispose();
      this.markerData = new InterleavedBuffer(new Float32Array(Math.ceil(markerCount * 1.5) * LOST_SITE_STRIDE), LOST_SITE_STRIDE);
      this.attachMarkerAttributes();
    }
    (this.markerData.array as Float32Array).set(frame.subarray(markerOffset, markerOffset + markerFloats));
    this.markerData.clearUpdateRanges();
    this.markerData.addUpdateRange(0, markerFloats);
    this.markerData.needsUpdate = true;
    this.markers.setDrawRange(0, markerCount);
    this.markerCount = markerCount;
    return replaced;
  }

  /** The spine rows as last applied (for picking). */
  get spineArray(): Float32Array {
    return this.spineData.array as Float32Array;
  }

  dispose(): void {
    this.spines.dispose();
    this.markers.dispose();
    this.shape.dispose();
  }

  private buildSpineGeometry(data: InstancedInterleavedBuffer): InstancedBufferGeometry {
    const geometry = new InstancedBufferGeometry();
    geometry.setIndex(this.shape.index);
    geometry.setAttribute('position', this.shape.attributes.position);
    geometry.setAttribute('normal', this.shape.attributes.normal);
    geometry.setAttribute('aPart', this.shape.attributes.aPart);
    geometry.setAttribute('aBase', new InterleavedBufferAttribute(data, 3, SPINE_FRAME_BASE));
    geometry.setAttribute('aDirection', new InterleavedBufferAttribute(data, 3, SPINE_FRAME_DIRECTION));
    geometry.setAttribute('aHead', new InterleavedBufferAttribute(data, 1, SPINE_FRAME_HEAD_DIAMETER));
    geometry.setAttribute('aCategory', new InterleavedBufferAttribute(data, 1, SPINE_FRAME_CATEGORY));
    geometry.instanceCount = 0;
    // Spines are drawn wherever they are (frustumCulled is off on the mesh); a bound keeps three's
    // raycaster and any bounds checks from computing one over a moving buffer.
    geometry.boundingSphere = new Sphere(new Vector3(), Infinity);
    return geometry;
  }

  private attachMarkerAttributes(): void {
    this.markers.setAttribute('position', new InterleavedBufferAttribute(this.markerData, 3, 0));
    this.markers.setAttribute('aRadius', new InterleavedBufferAttribute(this.markerData, 1, 3));
    this.markers.setAttribute('aStrength', new InterleavedBufferAttribute(this.markerData, 1, 4));
    this.markers.boundingSphere = new Sphere(new Vector3(), Infinity);
    this.markers.setDrawRange(0, this.markerCount);
  }
}
