import { describe, expect, it } from 'vitest';
import { DOSE_HOURS, scenarioProtocol } from '../../src/model/scenarios';
import { CHAPTER_IDS, parseUrlSettings, runLink } from '../../src/state/urlSettings';
import { chapterAfter, chapterHours, chapters } from '../../src/view/lesson/chapters';
import { nextSpineSlot } from '../../src/view/spineByKey';
import { SPINE_FRAME_STRIDE } from '../../src/model/writeSpineFrame';

describe('lesson chapters', () => {
  it('are the link ids, in order, each at a moment inside its own preset', () => {
    expect(chapters.map((c) => c.id)).toEqual([...CHAPTER_IDS]);
    for (const chapter of chapters) {
      const hours = chapterHours(chapter);
      expect(hours).toBeGreaterThan(0);
      expect(hours).toBeLessThan(scenarioProtocol(chapter.scenario).durationHours);
    }
    expect(chapterHours(chapters[2])).toBe(DOSE_HOURS + 3);
  });

  it('step from no lesson or the introduction to the first chapter, and stop at the ends', () => {
    expect(chapterAfter(null, 1)?.id).toBe('baseline');
    expect(chapterAfter('intro', 1)?.id).toBe('baseline');
    expect(chapterAfter('baseline', -1)).toBeNull();
    expect(chapterAfter('relapse', 1)).toBeNull();
    expect(chapterAfter('stress', 1)?.id).toBe('ketamine-3h');
  });

  it('have no caption until the run has measured its numbers', () => {
    const protocol = scenarioProtocol('stress-ketamine');
    for (const chapter of chapters) expect(chapter.caption({ protocol: scenarioProtocol(chapter.scenario), sessions: [], behaviour: [] })).toBeNull();
    const caption = chapters[0].caption({
      protocol,
      sessions: [
        { timeHours: 144, visibleSpines: 200, densityPerUm: 0.44, formation: null, elimination: null },
        { timeHours: 192, visibleSpines: 210, densityPerUm: 0.45, formation: 0.071, elimination: 0.065 },
      ],
      behaviour: [],
    });
    expect(caption).toBe('Day 8: 210 spines visible on the imaged branches. In the last two days 7.1 % of them were new and 6.5 % were lost.');
  });
});

describe('classroom link values', () => {
  it('reads view, projector and chapter, and keeps them in the run link', () => {
    const url = parseUrlSettings('', '#view=tuft&projector&chapter=ketamine-24h');
    expect([url.view, url.projector, url.chapter, url.problems]).toEqual(['tuft', true, 'ketamine-24h', []]);
    expect(parseUrlSettings('', '#projector=false').projector).toBe(false);
    expect(parseUrlSettings('', '').projector).toBeNull();
    const link = runLink('http://x/#view=tuft&projector&chapter=stress', 'stress', '2', 24);
    expect(link).toBe('http://x/#scenario=stress&seed=2&speed=24&view=tuft&projector&chapter=stress');
  });

  it('explains an unknown view or chapter in one sentence each and uses the default', () => {
    const url = parseUrlSettings('', '#view=sky&chapter=9&projector=maybe');
    expect([url.view, url.chapter, url.projector]).toEqual([null, null, null]);
    expect(url.problems).toHaveLength(3);
    expect(url.problems[0]).toMatch(/view "sky".*Views: all, neuron, tuft, microscope/);
  });
});

describe('selecting spines by key', () => {
  it('walks the drawn spines, skipping free slots and wrapping round', () => {
    const floats = new Float32Array(4 * SPINE_FRAME_STRIDE);
    const draw = (slot: number) => (floats[slot * SPINE_FRAME_STRIDE + 3] = 1);
    draw(1);
    draw(3);
    expect(nextSpineSlot(floats, 4, -1, 1)).toBe(1);
    expect(nextSpineSlot(floats, 4, 1, 1)).toBe(3);
    expect(nextSpineSlot(floats, 4, 3, 1)).toBe(1);
    expect(nextSpineSlot(floats, 4, -1, -1)).toBe(3);
    expect(nextSpineSlot(new Float32Array(8), 1, -1, 1)).toBe(-1);
  });
});
