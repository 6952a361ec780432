import { useEffect } from 'react';
import { phaseLabel } from '../model/phaseLabel';
import type { AppStore, CameraView } from '../state/appState';
import { useStore } from '../state/useStore';

const viewText: Record<CameraView, string> = {
  all: 'all neurons, whole',
  neuron: 'one whole neuron',
  tuft: 'the apical tuft of one neuron, the branches the microscope images',
  microscope: 'a true-scale close-up of one tuft branch, about 24 µm across',
};

/**
 * The 3D view in words, for those who cannot see it: what is framed, how many spines are drawn and of
 * which kind to watch, and the phase. It describes the canvas (aria-describedby) and updates with the
 * picture, at most once a simulated day (hourly near a dose), so it is not a stream of numbers.
 */
export function SceneDescription({ store }: { store: AppStore }) {
  const view = useStore(store, (s) => s.camera.view);
  const scene = useStore(store, (s) => s.scene);
  const phase = useStore(store, (s) => (s.scene ? phaseLabel(s.scene.protocol, s.clock.timeHours).text : ''));
  const visible = useStore(store, (s) => s.clock.visibleSpines);
  const live = useStore(store, (s) => s.clock.liveSpines);
  useEffect(() => {
    const canvas = document.querySelector('[data-testid=scene] canvas');
    canvas?.setAttribute('aria-describedby', 'scene-description');
  });
  if (!scene) return null;
  const neurons = scene.neurons.length;
  return (
    <p id="scene-description" className="visually-hidden" data-testid="scene-description">
      {`The 3D view shows ${viewText[view]} (${neurons} ${neurons === 1 ? 'neuron' : 'neurons'} in the run), ${phase}. ` +
        `${live.toLocaleString('en')} spines are drawn, ${visible.toLocaleString('en')} of them large enough for the microscope; ` +
        'grey ones were there from the start, blue ones formed since, green and yellow ones after ketamine (yellow where stress had removed a spine), orange ones are being lost, and rings mark spots where stress removed one. ' +
        'Press ] to select a spine and hear its details.'}
    </p>
  );
}
