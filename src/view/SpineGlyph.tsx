import { useId } from 'react';
import type { SpineCategory } from '../model/writeSpineFrame';
import type { Palette } from './palette';
import { spineCues } from './scene/spineCues';

const size = 22;
const centre = size / 2;
const radius = 6.5;
const ringWidth = 2;

/**
 * A spine head as the 3D view draws it (spineCues.ts): its colour and its shape cue (stripes, outline ring,
 * centre dot, empty ring), so the legend can be read without telling colours apart.
 */
export function SpineGlyph({ category, palette }: { category: SpineCategory; palette: Palette }) {
  const cue = spineCues[category];
  const colour = palette.spines[category];
  const clip = useId();
  if (cue.hollow) {
    return (
      <svg className="glyph" width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true" data-cue="hollow">
        <circle cx={centre} cy={centre} r={radius + ringWidth / 2} fill="none" stroke={colour} strokeWidth={ringWidth} />
      </svg>
    );
  }
  const core = cue.outlined ? radius - ringWidth / 2 : radius + ringWidth / 2;
  return (
    <svg className="glyph" width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true" data-cue={Object.entries(cue).filter(([, on]) => on).map(([name]) => name).join(' ') || 'plain'}>
      {cue.outlined && <circle cx={centre} cy={centre} r={radius + ringWidth / 2} fill={palette.spineOutline} />}
      <circle cx={centre} cy={centre} r={core} fill={colour} />
      {cue.striped && (
        <>
          <clipPath id={clip}>
            <circle cx={centre} cy={centre} r={core} />
          </clipPath>
          <g clipPath={`url(#${clip})`} fill="#000000" fillOpacity={0.65}>
            <rect x={0} y={centre - core + (2 * core) / 5} width={size} height={(2 * core) / 5} />
            <rect x={0} y={centre - core + (6 * core) / 5} width={size} height={(2 * core) / 5} />
          </g>
        </>
      )}
      {cue.dotted && <circle cx={centre} cy={centre} r={core * 0.4} fill="#000000" fillOpacity={0.75} />}
    </svg>
  );
}

/** A lost-site marker as drawn: a ring around the dendrite. */
export function LostSiteGlyph({ palette }: { palette: Palette }) {
  return (
    <svg className="glyph" width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true" data-cue="ring-on-dendrite">
      <rect x={0} y={centre - 1.5} width={size} height={3} rx={1.5} fill={palette.dendrite} />
      <circle cx={centre} cy={centre} r={8.5} fill={palette.lostSite} fillOpacity={0.12} stroke={palette.lostSite} strokeWidth={2} />
    </svg>
  );
}

/** The dendrite: a bar. */
export function DendriteGlyph({ palette }: { palette: Palette }) {
  return (
    <svg className="glyph" width={size} height={size} viewBox={`0 0 ${size} ${size}`} aria-hidden="true" data-cue="bar">
      <rect x={1} y={centre - 2} width={size - 2} height={4} rx={2} fill={palette.dendrite} />
    </svg>
  );
}
