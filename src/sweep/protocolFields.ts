import { ProtocolError, validateProtocol, type Protocol } from '../model/Protocol';
import { DAY_HOURS } from '../model/scenarios';
import { SweepError } from './SweepError';

/**
 * Protocol fields a sweep can set, fixed or as a factor: the experimental knobs of a dose × stress grid.
 * Each one rewrites the base protocol and the result is validated like any protocol document.
 */
export interface ProtocolFieldSpec {
  readonly description: string;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  apply(protocol: Protocol, value: number): Protocol;
}

function firstStressEpoch(protocol: Protocol, field: string) {
  const epoch = protocol.stress[0];
  if (!epoch) throw new SweepError(`protocol field ${field} needs a base protocol with a stress epoch`);
  return epoch;
}

export const protocolFields = {
  neuronCount: {
    description: 'whole neurons simulated in one replicate',
    min: 1, max: 50, integer: true,
    apply: (protocol, value) => ({ ...protocol, neuronCount: value }),
  },
  ketamineDoseMgPerKg: {
    description: 'dose of every ketamine injection (mg/kg)',
    min: 0, max: 200,
    apply: (protocol, value) => {
      if (protocol.ketamine.length === 0) throw new SweepError('protocol field ketamineDoseMgPerKg needs a base protocol with a ketamine dose');
      return { ...protocol, ketamine: protocol.ketamine.map((dose) => ({ ...dose, doseMgPerKg: value })) };
    },
  },
  stressIntensity: {
    description: 'intensity of every stress epoch (1 = the paper’s regime)',
    min: 0, max: 3,
    apply: (protocol, value) => {
      firstStressEpoch(protocol, 'stressIntensity');
      return { ...protocol, stress: protocol.stress.map((epoch) => ({ ...epoch, intensity: value })) };
    },
  },
  stressDurationDays: {
    description: 'length of the first stress epoch (days); everything from its end on moves with the end',
    min: 0.25, max: 365,
    apply: (protocol, value) => {
      const epoch = firstStressEpoch(protocol, 'stressDurationDays');
      const oldEnd = epoch.endHours;
      const newEnd = epoch.startHours + value * DAY_HOURS;
      const shift = newEnd - oldEnd;
      // Events from the old end on keep their timing relative to the end of stress (the dose follows the
      // stress, as in the presets). When stress gets shorter, sessions in the span it no longer covers go.
      const moved = (t: number) => (t >= oldEnd ? t + shift : t);
      const sessions = (hours: readonly number[]) => hours.filter((t) => t < newEnd || t >= oldEnd).map(moved);
      return {
        ...protocol,
        durationHours: protocol.durationHours + shift,
        stress: protocol.stress.map((e, i) => (i === 0 ? { ...e, endHours: newEnd } : { ...e, startHours: moved(e.startHours), endHours: moved(e.endHours) })),
        ketamine: protocol.ketamine.map((dose) => ({ ...dose, timeHours: moved(dose.timeHours) })),
        ablations: protocol.ablations.map((ablation) => ({ ...ablation, timeHours: moved(ablation.timeHours) })),
        imagingHours: sessions(protocol.imagingHours),
        behaviourHours: sessions(protocol.behaviourHours),
      };
    },
  },
} as const satisfies Record<string, ProtocolFieldSpec>;

export type ProtocolFieldName = keyof typeof protocolFields;

export function isProtocolFieldName(name: string): name is ProtocolFieldName {
  return Object.hasOwn(protocolFields, name);
}

/** Applies protocol fields in order and validates the result; `where` names the point in messages. */
export function applyProtocolFields(base: Protocol, fields: readonly (readonly [ProtocolFieldName, number])[], where: string): Protocol {
  let protocol = base;
  for (const [name, value] of fields) protocol = protocolFields[name].apply(protocol, value);
  try {
    return validateProtocol(protocol);
  } catch (error) {
    if (error instanceof ProtocolError) throw new SweepError(`${where}: ${error.message}`);
    throw error;
  }
}
