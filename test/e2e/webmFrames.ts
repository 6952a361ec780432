/**
 * Counts the video frames in a WebM file by walking its EBML structure: every SimpleBlock (0xA3) or
 * BlockGroup (0xA0) inside a Cluster (0x1F43B675) of the Segment (0x18538067) is one frame (one video
 * track, no lacing). Also returns the track's pixel size. Enough to check a clip without decoding it.
 */
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const VIDEO = 0xe0;
const PIXEL_WIDTH = 0xb0;
const PIXEL_HEIGHT = 0xba;
const SIMPLE_BLOCK = 0xa3;
const BLOCK_GROUP = 0xa0;
const MASTERS = new Set([SEGMENT, CLUSTER, TRACKS, TRACK_ENTRY, VIDEO]);

function vint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } {
  const first = bytes[at];
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8) throw new Error(`bad EBML number at byte ${at}`);
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i];
    if (bytes[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

export function webmFrames(bytes: Uint8Array): { frames: number; width: number; height: number } {
  const result = { frames: 0, width: 0, height: 0 };
  const walk = (start: number, end: number) => {
    let at = start;
    while (at < end) {
      const id = vint(bytes, at, true);
      const size = vint(bytes, at + id.length, false);
      const body = at + id.length + size.length;
      const bodyEnd = size.unknown ? end : body + size.value;
      if (id.value === SIMPLE_BLOCK || id.value === BLOCK_GROUP) result.frames++;
      else if (id.value === PIXEL_WIDTH || id.value === PIXEL_HEIGHT) {
        let value = 0;
        for (let i = body; i < bodyEnd; i++) value = value * 256 + bytes[i];
        if (id.value === PIXEL_WIDTH) result.width = value;
        else result.height = value;
      } else if (MASTERS.has(id.value)) walk(body, bodyEnd);
      at = bodyEnd;
    }
  };
  walk(0, bytes.length);
  return result;
}
