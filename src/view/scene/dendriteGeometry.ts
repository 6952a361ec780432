import { BufferAttribute, BufferGeometry, Sphere, Vector3 } from 'three';
import type { DendriteMesh } from '../../runtime/dendriteMesh';

/**
 * The neurons' mesh (built off the main thread by the worker, see `buildDendriteMesh`) as a three.js
 * geometry: no per-vertex work here, so even a whole-brain reconstruction appears without a long task.
 */
export function dendriteGeometry(mesh: DendriteMesh): BufferGeometry {
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(mesh.position, 3));
  geometry.setAttribute('normal', new BufferAttribute(mesh.normal, 3));
  geometry.setAttribute('aRadius', new BufferAttribute(mesh.radius, 1));
  geometry.setAttribute('aImaged', new BufferAttribute(mesh.imaged, 1));
  geometry.setIndex(new BufferAttribute(mesh.index, 1));
  const [x, y, z, r] = mesh.bounds;
  geometry.boundingSphere = new Sphere(new Vector3(x, y, z), r);
  return geometry;
}
