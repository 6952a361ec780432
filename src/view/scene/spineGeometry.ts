import { BufferAttribute, BufferGeometry, CylinderGeometry, SphereGeometry } from 'three';

export const SPINE_HEAD_WIDTH_SEGMENTS = 8;
export const SPINE_HEAD_HEIGHT_SEGMENTS = 6;
export const SPINE_NECK_SEGMENTS = 5;

/**
 * One spine in unit space along +y, head and neck merged into one shape so each spine is one instance:
 * the neck a unit cylinder from y = 0 to 1 (`aPart` 0), the head a unit sphere at the origin (`aPart` 1).
 * The spine shader scales and places both parts from the instance's head diameter and direction.
 */
export function spineGeometry(): BufferGeometry {
  const head = new SphereGeometry(1, SPINE_HEAD_WIDTH_SEGMENTS, SPINE_HEAD_HEIGHT_SEGMENTS);
  const neck = new CylinderGeometry(1, 1, 1, SPINE_NECK_SEGMENTS, 1, true);
  neck.translate(0, 0.5, 0);
  const parts = [neck, head];
  let vertices = 0;
  let indices = 0;
  for (const part of parts) {
    vertices += part.attributes.position.count;
    indices += part.index!.count;
  }
  const position = new Float32Array(vertices * 3);
  const normal = new Float32Array(vertices * 3);
  const partId = new Float32Array(vertices);
  const index = new Uint16Array(indices);
  let v = 0;
  let k = 0;
  parts.forEach((part, id) => {
    position.set(part.attributes.position.array as Float32Array, v * 3);
    normal.set(part.attributes.normal.array as Float32Array, v * 3);
    partId.fill(id, v, v + part.attributes.position.count);
    const source = part.index!.array;
    for (let i = 0; i < source.length; i++) index[k++] = source[i] + v;
    v += part.attributes.position.count;
    part.dispose();
  });
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(position, 3));
  geometry.setAttribute('normal', new BufferAttribute(normal, 3));
  geometry.setAttribute('aPart', new BufferAttribute(partId, 1));
  geometry.setIndex(new BufferAttribute(index, 1));
  return geometry;
}

/** Triangles in one spine. */
export function spineTriangleCount(): number {
  const geometry = spineGeometry();
  const count = geometry.index!.count / 3;
  geometry.dispose();
  return count;
}
