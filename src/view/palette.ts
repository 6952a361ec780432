import { SPINE_CATEGORY_COUNT, SpineCategory } from '../model/writeSpineFrame';

/**
 * Colours that carry the story, from the Okabe–Ito palette (distinguishable with the common forms of
 * colour blindness). Two variants: the screen (dark, like a fluorescence image) and the projector (white
 * background, darker and more saturated hues, thicker lines and bigger spines so a hall can read it).
 */
export interface Palette {
  readonly background: string;
  readonly dendrite: string;
  readonly soma: string;
  /** Indexed by SpineCategory. */
  readonly spines: readonly string[];
  readonly lostSite: string;
  /** The outline ring of spines new after ketamine (spineCues.ts): against the background and the head. */
  readonly spineOutline: string;
  readonly selected: string;
  /** Smallest drawn size, in screen pixels, so that spines and dendrites show from afar. */
  readonly minHeadRadiusPx: number;
  readonly minDendriteRadiusPx: number;
  readonly lostSiteOpacity: number;
  /** Charts. */
  readonly chartText: string;
  readonly chartGrid: string;
  readonly chartLineWidth: number;
  readonly chartFont: string;
  readonly density: string;
  readonly formation: string;
  readonly elimination: string;
  readonly escape: string;
  readonly stressBand: string;
  readonly eventLine: string;
}

export const okabeIto = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

function spineColours(colours: Record<SpineCategory, string>): readonly string[] {
  return Array.from({ length: SPINE_CATEGORY_COUNT }, (_, i) => colours[i as SpineCategory]);
}

export const screenPalette: Palette = {
  background: '#0b0e13',
  dendrite: '#66707f',
  soma: '#7a8494',
  spines: spineColours({
    [SpineCategory.FromStart]: '#c9ced6',
    [SpineCategory.New]: okabeIto.skyBlue,
    [SpineCategory.Ketamine]: okabeIto.bluishGreen,
    [SpineCategory.KetamineAtLostSite]: okabeIto.yellow,
    [SpineCategory.Eliminated]: okabeIto.vermillion,
  }),
  lostSite: okabeIto.vermillion,
  spineOutline: '#ffffff',
  selected: '#ffffff',
  minHeadRadiusPx: 1.6,
  minDendriteRadiusPx: 0.9,
  lostSiteOpacity: 0.75,
  chartText: '#d8dde4',
  chartGrid: 'rgba(255,255,255,0.12)',
  chartLineWidth: 2,
  chartFont: '12px system-ui, sans-serif',
  density: okabeIto.skyBlue,
  formation: okabeIto.bluishGreen,
  elimination: okabeIto.vermillion,
  escape: okabeIto.yellow,
  stressBand: 'rgba(213,94,0,0.13)',
  eventLine: 'rgba(255,255,255,0.55)',
};

export const projectorPalette: Palette = {
  background: '#ffffff',
  dendrite: '#2b2b2b',
  soma: '#2b2b2b',
  spines: spineColours({
    [SpineCategory.FromStart]: '#8c8c8c',
    [SpineCategory.New]: okabeIto.blue,
    [SpineCategory.Ketamine]: okabeIto.bluishGreen,
    [SpineCategory.KetamineAtLostSite]: okabeIto.orange,
    [SpineCategory.Eliminated]: okabeIto.vermillion,
  }),
  lostSite: okabeIto.vermillion,
  spineOutline: '#000000',
  selected: '#000000',
  minHeadRadiusPx: 2.2,
  minDendriteRadiusPx: 1.6,
  lostSiteOpacity: 0.9,
  chartText: '#000000',
  chartGrid: 'rgba(0,0,0,0.18)',
  chartLineWidth: 5,
  chartFont: 'bold 17px system-ui, sans-serif',
  density: okabeIto.blue,
  formation: okabeIto.bluishGreen,
  elimination: okabeIto.vermillion,
  escape: okabeIto.orange,
  stressBand: 'rgba(213,94,0,0.18)',
  eventLine: 'rgba(0,0,0,0.8)',
};

export function paletteFor(projector: boolean): Palette {
  return projector ? projectorPalette : screenPalette;
}

/** Legend entries in story order: what a student needs to read the picture. */
export const spineLegend: readonly { readonly category: SpineCategory; readonly label: string; readonly detail: string }[] = [
  { category: SpineCategory.FromStart, label: 'There from the start', detail: 'present on day 0' },
  { category: SpineCategory.New, label: 'New spine', detail: 'formed since day 0' },
  { category: SpineCategory.Ketamine, label: 'New after ketamine', detail: 'formed in the week after the dose' },
  { category: SpineCategory.KetamineAtLostSite, label: 'New after ketamine, at a lost spot', detail: 'where stress had removed a spine' },
  { category: SpineCategory.Eliminated, label: 'Being lost', detail: 'eliminated; shrinks away over 12 h' },
];
