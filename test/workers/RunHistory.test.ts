import { describe, expect, it } from 'vitest';
import { exportSpines } from '../../src/model/exportSpines';
import { scenarioProtocol } from '../../src/model/scenarios';
import { Simulation } from '../../src/model/Simulation';
import { SPINE_SLOT_BYTES } from '../../src/model/SpineStore';
import { RunHistory } from '../../workers/RunHistory';

const make = () => new Simulation({ protocol: scenarioProtocol('control', 1), seed: 6, parameters: { burnInDays: 2 } });

describe('RunHistory', () => {
  it('keeps a checkpoint a day within its memory budget, and thins them beyond it without changing what a seek shows', () => {
    const roomy = make();
    const roomyHistory = new RunHistory(roomy);
    roomyHistory.advance(roomy, 20 * 24);
    expect(roomyHistory.checkpointHours).toEqual(Array.from({ length: 21 }, (_, day) => day * 24));

    const tight = make();
    // Room for about five checkpoints of this run.
    const tightHistory = new RunHistory(tight, 5 * tight.spines.capacity * SPINE_SLOT_BYTES);
    tightHistory.advance(tight, 20 * 24);
    const kept = tightHistory.checkpointHours;
    expect(kept.length).toBeLessThanOrEqual(5);
    expect(kept[0]).toBe(0);

    const direct = make();
    direct.advanceTo(7 * 24 + 5);
    const sought = tightHistory.seek(tight, 7 * 24 + 5);
    expect(exportSpines(sought)).toEqual(exportSpines(direct));
  });
});
