import { Color, NormalBlending, ShaderMaterial, Vector4 } from 'three';
import type { Palette } from '../palette';
import { SPINE_CATEGORY_COUNT } from '../../model/writeSpineFrame';
import { cueVectors, FAR_ENLARGEMENT, FAR_MIN_FACTOR, RING_WIDTH_FACTOR, RING_WIDTH_FRACTION, TYPICAL_HEAD_RADIUS_UM } from './spineCues';

/**
 * Shaders for the scene. All three share one idea: sizes are true micrometres up close, but never drawn
 * thinner than a minimum number of screen pixels, so a whole neuron (about a millimetre tall) still shows
 * its dendrites and spines. `uPixelWorld` is the world size of one drawing-buffer pixel at distance 1
 * (2·tan(fov/2) / buffer height); the camera rig keeps it current.
 */

const lighting = /* glsl */ `
  vec3 shade(vec3 base, vec3 normal) {
    vec3 n = normalize(normal);
    float key = max(dot(n, normalize(vec3(0.35, 0.55, 0.75))), 0.0);
    float fill = max(dot(n, normalize(vec3(-0.6, -0.2, 0.4))), 0.0);
    float rim = pow(1.0 - clamp(n.z, 0.0, 1.0), 3.0);
    return base * (0.32 + 0.62 * key + 0.18 * fill) + base * rim * 0.35;
  }
`;

/** Dendrites and somata. */
export function createDendriteMaterial(palette: Palette, pixelRatio: number): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: {
      uPixelWorld: { value: 0.001 },
      uMinRadiusPx: { value: palette.minDendriteRadiusPx * pixelRatio },
      uColor: { value: new Color(palette.dendrite) },
      uSomaColor: { value: new Color(palette.soma) },
    },
    vertexShader: /* glsl */ `
      uniform float uPixelWorld;
      uniform float uMinRadiusPx;
      attribute float aRadius;
      attribute float aImaged;
      varying vec3 vNormal;
      void main() {
        vec4 centre = modelViewMatrix * vec4(position, 1.0);
        float minimum = uMinRadiusPx * uPixelWorld * max(-centre.z, 1e-3);
        vec4 surface = modelViewMatrix * vec4(position + normal * max(aRadius, minimum), 1.0);
        vNormal = normalize(normalMatrix * normal);
        gl_Position = projectionMatrix * surface;
      }
    `,
    fragmentShader: /* glsl */ `
      uniform vec3 uColor;
      varying vec3 vNormal;
      ${lighting}
      void main() {
        gl_FragColor = vec4(shade(uColor, gl_FrontFacing ? vNormal : -vNormal), 1.0);
        #include <colorspace_fragment>
      }
    `,
  });
}

/** Neck length and radius of the drawn spine (µm); the head diameter comes from the model. */
export const SPINE_NECK_LENGTH_UM = 0.55;
export const SPINE_NECK_RADIUS_UM = 0.08;
/** Typical dendrite radius: spines are lifted by the widening of thin dendrites beyond it. */
export const TYPICAL_DENDRITE_RADIUS_UM = 0.5;

/**
 * Spines, one instance per store slot (gl_InstanceID = slot). Per instance: base, direction × display
 * scale, head diameter and colour category, straight from the worker's frame (see writeSpineFrame). Each
 * category also has a shape cue (spineCues.ts) drawn on the head: stripes, an outline ring, a centre dot or
 * an empty ring. The ring is measured in screen pixels, so it shows from afar as well as up close.
 */
export function createSpineMaterial(palette: Palette, pixelRatio: number): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: {
      uPixelWorld: { value: 0.001 },
      uMinHeadRadiusPx: { value: palette.minHeadRadiusPx * pixelRatio },
      uMinDendriteRadiusPx: { value: palette.minDendriteRadiusPx * pixelRatio },
      uPalette: { value: palette.spines.map((c) => new Color(c)) },
      uSelected: { value: -1 },
      uCue: { value: cueVectors().map(([x, y, z, w]) => new Vector4(x, y, z, w)) },
      uOutline: { value: new Color(palette.spineOutline) },
    },
    defines: { CATEGORY_COUNT: SPINE_CATEGORY_COUNT },
    vertexShader: /* glsl */ `
      uniform float uPixelWorld;
      uniform float uMinHeadRadiusPx;
      uniform float uMinDendriteRadiusPx;
      uniform vec3 uPalette[CATEGORY_COUNT];
      uniform int uSelected;
      uniform vec4 uCue[CATEGORY_COUNT];
      attribute vec3 aBase;
      attribute vec3 aDirection;
      attribute float aHead;
      attribute float aCategory;
      attribute float aPart;
      varying vec3 vNormal;
      varying vec3 vColor;
      // Head-local position on the unit sphere (y along the spine), the category's cue, and where the
      // ring starts as a fraction of the drawn head radius (above 1: no ring).
      varying vec3 vLocal;
      varying vec4 vCue;
      varying float vRingFrom;
      varying float vStripes;
      const float neckLength = ${SPINE_NECK_LENGTH_UM.toFixed(3)};
      const float neckRadius = ${SPINE_NECK_RADIUS_UM.toFixed(3)};
      const float dendriteRadius = ${TYPICAL_DENDRITE_RADIUS_UM.toFixed(3)};
      void main() {
        float grow = length(aDirection);
        if (grow < 1e-3) {
          // Free slot or not yet grown: outside the clip volume, so nothing is drawn.
          gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
          vNormal = vec3(0.0);
          vColor = vec3(0.0);
          vLocal = vec3(0.0);
          vCue = vec4(0.0);
          vRingFrom = 2.0;
          vStripes = 0.0;
          return;
        }
        vec3 up = aDirection / grow;
        vec3 helper = abs(up.y) < 0.99 ? vec3(0.0, 1.0, 0.0) : vec3(1.0, 0.0, 0.0);
        vec3 side = normalize(cross(helper, up));
        vec3 forward = cross(up, side);
        float headRadius = max(0.5 * aHead, 0.05);
        vec4 baseView = modelViewMatrix * vec4(aBase, 1.0);
        float pixel = uPixelWorld * max(-baseView.z, 1e-3);
        int category = int(aCategory + 0.5);
        vec4 cue = uCue[category];
        bool ringed = cue.y + cue.w > 0.5;
        // The smallest head, smaller far away (categoryMinHeadRadius in spineCues.ts, mirrored here).
        float enlargement = uMinHeadRadiusPx * pixel / ${TYPICAL_HEAD_RADIUS_UM.toFixed(3)};
        float far = clamp(sqrt(${FAR_ENLARGEMENT.toFixed(3)} / max(enlargement, 1e-9)), ${FAR_MIN_FACTOR.toFixed(3)}, 1.0);
        float minRadiusPx = (far + (ringed ? ${RING_WIDTH_FACTOR.toFixed(3)} : 0.0)) * uMinHeadRadiusPx;
        float scale = grow * max(1.0, minRadiusPx * pixel / headRadius);
        if (gl_InstanceID == uSelected) scale *= 1.3;
        float radiusPx = scale * headRadius / pixel;
        float ringPx = max(${RING_WIDTH_FACTOR.toFixed(3)} * uMinHeadRadiusPx, ${RING_WIDTH_FRACTION.toFixed(3)} * radiusPx);
        vRingFrom = ringed ? 1.0 - min(1.0, ringPx / max(radiusPx, 1e-3)) : 2.0;
        // One dark band across a head a few pixels wide, up to five up close: stripes stay a pattern.
        vStripes = clamp(floor(radiusPx / 2.5), 1.0, 5.0);
        vCue = aPart < 0.5 ? vec4(0.0) : cue;
        vLocal = position;
        vec3 local;
        if (aPart < 0.5) local = vec3(position.x * neckRadius, position.y * neckLength, position.z * neckRadius);
        else local = position * headRadius + vec3(0.0, neckLength + 0.8 * headRadius, 0.0);
        local *= scale;
        float lift = max(0.0, uMinDendriteRadiusPx * pixel - dendriteRadius);
        vec3 world = aBase + up * lift + side * local.x + up * local.y + forward * local.z;
        vec3 n = side * normal.x + up * normal.y + forward * normal.z;
        vNormal = normalize(normalMatrix * n);
        vColor = uPalette[category];
        gl_Position = projectionMatrix * modelViewMatrix * vec4(world, 1.0);
      }
    `,
    fragmentShader: /* glsl */ `
      uniform vec3 uOutline;
      varying vec3 vNormal;
      varying vec3 vColor;
      varying vec3 vLocal;
      varying vec4 vCue;
      varying float vRingFrom;
      varying float vStripes;
      ${lighting}
      void main() {
        vec3 n = normalize(vNormal);
        // Distance from the head's centre on screen, as a fraction of its radius (0 centre, 1 edge).
        float edge = length(n.xy);
        vec3 colour = shade(vColor, n);
        if (vCue.w > 0.5) {
          // Hollow: only the ring, flat, so the ghost reads as an outline.
          if (edge < vRingFrom) discard;
          colour = vColor;
        } else if (vCue.y > 0.5 && edge >= vRingFrom) {
          colour = uOutline;
        } else {
          if (vCue.x > 0.5 && mod(floor((vLocal.y * 0.5 + 0.5) * (2.0 * vStripes + 1.0)), 2.0) > 0.5) colour *= 0.35;
          if (vCue.z > 0.5 && edge < 0.4 * vRingFrom) colour *= 0.25;
        }
        gl_FragColor = vec4(colour, 1.0);
        #include <colorspace_fragment>
      }
    `,
  });
}

/** Markers where spines were lost under stress: soft rings around the dendrite, fading with memory. */
export function createLostSiteMaterial(palette: Palette, pixelRatio: number): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: {
      uPixelWorld: { value: 0.001 },
      uMinSizePx: { value: 3 * pixelRatio * (palette.minDendriteRadiusPx / 0.9) },
      uColor: { value: new Color(palette.lostSite) },
      uOpacity: { value: palette.lostSiteOpacity },
    },
    vertexShader: /* glsl */ `
      uniform float uPixelWorld;
      uniform float uMinSizePx;
      attribute float aRadius;
      attribute float aStrength;
      varying float vStrength;
      void main() {
        vec4 view = modelViewMatrix * vec4(position, 1.0);
        float pixel = uPixelWorld * max(-view.z, 1e-3);
        gl_PointSize = max((2.0 * aRadius + 1.1) / pixel, uMinSizePx);
        vStrength = aStrength;
        gl_Position = projectionMatrix * view;
      }
    `,
    fragmentShader: /* glsl */ `
      uniform vec3 uColor;
      uniform float uOpacity;
      varying float vStrength;
      void main() {
        float d = length(gl_PointCoord * 2.0 - 1.0);
        if (d > 1.0) discard;
        float ring = smoothstep(0.68, 0.78, d) * (1.0 - smoothstep(0.9, 1.0, d));
        gl_FragColor = vec4(uColor, (0.1 + 0.9 * ring) * uOpacity * clamp(0.4 + 0.6 * vStrength, 0.0, 1.0));
        #include <colorspace_fragment>
      }
    `,
    transparent: true,
    depthWrite: false,
    blending: NormalBlending,
  });
}

/** A ring around the selected spine, drawn over everything so it is found at any zoom. */
export function createSelectionMaterial(palette: Palette, pixelRatio: number): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: {
      uSizePx: { value: 26 * pixelRatio },
      uColor: { value: new Color(palette.selected) },
    },
    vertexShader: /* glsl */ `
      uniform float uSizePx;
      attribute float aRadiusPx;
      void main() {
        gl_PointSize = max(uSizePx, 2.0 * aRadiusPx + 14.0);
        gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
      }
    `,
    fragmentShader: /* glsl */ `
      uniform vec3 uColor;
      void main() {
        float d = length(gl_PointCoord * 2.0 - 1.0);
        float ring = smoothstep(0.72, 0.8, d) * (1.0 - smoothstep(0.92, 1.0, d));
        if (ring < 0.02) discard;
        gl_FragColor = vec4(uColor, ring);
        #include <colorspace_fragment>
      }
    `,
    transparent: true,
    depthTest: false,
    depthWrite: false,
  });
}

/** Keeps `uPixelWorld` of the given materials in step with the camera and drawing buffer. */
export function setPixelWorld(materials: readonly (ShaderMaterial | null)[], fovDegrees: number, bufferHeightPx: number): void {
  const value = (2 * Math.tan((fovDegrees * Math.PI) / 360)) / Math.max(1, bufferHeightPx);
  for (const material of materials) if (material) material.uniforms.uPixelWorld.value = value;
}

