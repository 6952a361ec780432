import type { AppStore } from '../state/appState';
import { linkWithCamera } from '../state/cameraLink';
import { useStoreInLink } from './useStoreInLink';

/**
 * Keeps the camera in the address bar: the view picked with the camera buttons or keys (`view=`) and,
 * once the user has turned or zoomed the 3D view by hand, its exact pose (`camera=`). The camera rig puts
 * a pose into the store only when the camera comes to rest, so the address bar is not rewritten while it
 * moves.
 */
export function useCameraInLink(store: AppStore): void {
  useStoreInLink(store, (s) => s.camera, (href, camera) => linkWithCamera(href, camera.view, camera.pose ?? null));
}
