import { useEffect, useMemo } from 'react';
import type { SceneInfo } from '../../../workers/simulationApi';
import type { Palette } from '../palette';
import { dendriteGeometry } from './dendriteGeometry';
import { createDendriteMaterial } from './materials';
import { useSizedMaterial } from './useSizedMaterial';

/** Every neuron of the run as one mesh of tapered tubes and somata. */
export function Neurons({ scene, palette, pixelRatio }: { scene: SceneInfo; palette: Palette; pixelRatio: number }) {
  const geometry = useMemo(() => dendriteGeometry(scene.dendriteMesh), [scene]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  const material = useSizedMaterial(() => createDendriteMaterial(palette, pixelRatio), [palette, pixelRatio]);
  return <mesh geometry={geometry} material={material} frustumCulled={false} />;
}
