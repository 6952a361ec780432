import { forwardRef } from 'react';
import type { AppStore, CameraView } from '../state/appState';
import { useStore } from '../state/useStore';

export function requestView(store: AppStore, view: CameraView): void {
  store.setState((s) => ({ camera: { view, request: s.camera.request + 1 } }));
}

/** Framing buttons over the 3D view: all neurons, one whole neuron, its imaged tuft, and the microscope's close-up. */
export const CameraButtons = forwardRef<HTMLDivElement, { store: AppStore }>(function CameraButtons({ store }, ref) {
  const view = useStore(store, (s) => s.camera.view);
  const buttons: [CameraView, string, string][] = [
    ['all', 'All neurons', '1'],
    ['neuron', 'One neuron', '2'],
    ['tuft', 'Apical tuft', '3'],
    ['microscope', 'Microscope', '4'],
  ];
  return (
    <div ref={ref} className="camera-buttons" role="group" aria-label="Camera">
      {view === 'microscope' && <span className="camera-note">Two-photon close-up of an apical tuft branch, about 24 µm across</span>}
      {buttons.map(([id, label, key]) => (
        <button key={id} type="button" aria-pressed={view === id} onClick={() => requestView(store, id)} title={`${label} (key ${key})`} data-testid={`view-${id}`}>
          {label}
        </button>
      ))}
    </div>
  );
});
