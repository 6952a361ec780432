import { useEffect } from 'react';
import type { AppStore } from '../state/appState';
import { linkWithCamera } from '../state/cameraLink';

/**
 * Keeps the camera in the address bar: the view picked with the camera buttons or keys (`view=`) and,
 * once the user has turned or zoomed the 3D view by hand, its exact pose (`camera=`). The camera rig puts
 * a pose into the store only when the camera comes to rest, so the address bar is not rewritten while it
 * moves.
 */
export function useCameraInLink(store: AppStore): void {
  useEffect(() => {
    let shown = store.getState().camera;
    return store.subscribe(() => {
      const camera = store.getState().camera;
      if (camera.view === shown.view && camera.pose === shown.pose) return;
      shown = camera;
      const link = linkWithCamera(window.location.href, camera.view, camera.pose ?? null);
      if (link === window.location.href) return;
      try {
        window.history.replaceState(window.history.state, '', link);
      } catch {
        // Some embedded contexts forbid it; the link is a convenience.
      }
    });
  }, [store]);
}
