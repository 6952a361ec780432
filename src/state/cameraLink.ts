import type { CameraPose, Vec3 } from '../view/scene/cameraPoses';
import type { CameraView } from './appState';

/** A coordinate in a link: a plain decimal, negative where it must be (no exponents, hex or spaces). */
const COORDINATE = /^-?\d+(\.\d+)?$/;
/** Coordinates beyond this (µm: ten metres) are no camera SpineLab could have written. */
const MAX_COORDINATE_UM = 1e7;
/** A camera closer than this to what it looks at has no direction to look in. */
const MIN_DISTANCE_UM = 1e-3;

/**
 * The camera's exact pose in a link (`camera=`): the camera's position, then the point it looks at, six
 * numbers in µm. Rounded to about a ten-thousandth of the distance between the two (a micrometre when
 * looking at all neurons from 2 mm away, a hundredth of one in the microscope's close-up): finer than a
 * pixel moves, and short enough to read.
 */
export function formatCameraPose(pose: CameraPose): string {
  const distance = Math.hypot(pose.position[0] - pose.target[0], pose.position[1] - pose.target[1], pose.position[2] - pose.target[2]);
  const decimals = cameraPoseDecimals(distance);
  return [...pose.position, ...pose.target].map((value) => formatCoordinate(value, decimals)).join(',');
}

/** How many decimals `formatCameraPose` keeps for a camera `distanceUm` from its target. */
export function cameraPoseDecimals(distanceUm: number): number {
  return Math.min(3, Math.max(0, 4 - Math.ceil(Math.log10(Math.max(distanceUm, 1e-3)))));
}

function formatCoordinate(value: number, decimals: number): string {
  const text = value.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}

/** Reads `formatCameraPose`'s text; null for anything else (six numbers, a camera apart from its target). */
export function parseCameraPose(text: string): CameraPose | null {
  const parts = text.split(',');
  if (parts.length !== 6 || !parts.every((part) => COORDINATE.test(part))) return null;
  const values = parts.map(Number);
  if (values.some((value) => Math.abs(value) > MAX_COORDINATE_UM)) return null;
  const position: Vec3 = [values[0], values[1], values[2]];
  const target: Vec3 = [values[3], values[4], values[5]];
  if (Math.hypot(position[0] - target[0], position[1] - target[1], position[2] - target[2]) < MIN_DISTANCE_UM) return null;
  return { position, target };
}

/**
 * The link with the camera on screen: the view the user picked (`view=`, left out for the default, all
 * neurons) and, once the user has turned or zoomed it by hand, the exact pose (`camera=`). They go before
 * the time (`paused`, `t=`), which stays last.
 */
export function linkWithCamera(href: string, view: CameraView, pose: CameraPose | null): string {
  const url = new URL(href);
  const parts = url.hash.replace(/^#/, '').split('&').filter((part) => part !== '' && !/^(view|camera)(=|$)/.test(part));
  const camera: string[] = [];
  if (view !== 'all' || pose) camera.push(`view=${view}`);
  if (pose) camera.push(`camera=${formatCameraPose(pose)}`);
  const time = parts.findIndex((part) => /^(t|paused)(=|$)/.test(part));
  parts.splice(time < 0 ? parts.length : time, 0, ...camera);
  url.hash = parts.join('&');
  return url.toString();
}
