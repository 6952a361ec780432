import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { parameterProblem } from '../model/parameters';
import { ProtocolError, validateProtocol, type Protocol } from '../model/Protocol';
import { isScenarioName } from '../model/scenarios';
import { MAX_CONDITIONS, MIN_CONDITIONS, type ConditionForm, type EnsembleForm } from './ensembleRequest';

/** The bench's own state: what a scenario, seed and time do not already say. */
export interface BenchState {
  /** The protocol the page runs instead of the scenario's (built in the editor or imported), or null. */
  readonly protocol: Protocol | null;
  /** Parameter overrides relative to the defaults. */
  readonly parameters: Readonly<Record<string, number>>;
  /** The conditions-and-replicates form. */
  readonly ensemble: EnsembleForm;
}

const FORMAT_VERSION = 1;

/** The bench state as link text: JSON compressed by lz-string into URL-safe characters. */
export function encodeBench(state: BenchState): string {
  return compressToEncodedURIComponent(JSON.stringify({ version: FORMAT_VERSION, ...state }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function conditionOf(value: unknown): ConditionForm | null {
  if (!isObject(value)) return null;
  const { name, source, overridesText } = value;
  if (typeof name !== 'string' || name.length > 40 || typeof overridesText !== 'string' || overridesText.length > 2000) return null;
  if (source !== 'page' && !(typeof source === 'string' && isScenarioName(source))) return null;
  return { name, source, overridesText };
}

/**
 * Reads bench state written by `encodeBench` (a link's `bench=`, or a saved run): every part is checked
 * as the page checks it when typed (the protocol by the model's validator, each parameter against its
 * range), and anything that does not fit is refused whole, with the reason in one sentence.
 */
export function decodeBench(text: string): { readonly state: BenchState } | { readonly problem: string } {
  let parsed: unknown;
  try {
    const json = decompressFromEncodedURIComponent(text);
    parsed = json ? JSON.parse(json) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed)) return { problem: 'it is not bench state SpineLab wrote (it could not be read)' };
  if (parsed.version !== FORMAT_VERSION) return { problem: `it was written in bench format ${String(parsed.version)}; this SpineLab reads format ${FORMAT_VERSION}` };
  let protocol: Protocol | null = null;
  if (parsed.protocol !== null && parsed.protocol !== undefined) {
    try {
      protocol = validateProtocol(parsed.protocol);
    } catch (error) {
      return { problem: `its protocol is not usable (${error instanceof ProtocolError ? error.message : String(error)})` };
    }
  }
  const parameters: Record<string, number> = {};
  if (!isObject(parsed.parameters)) return { problem: 'its parameters are missing' };
  for (const [name, value] of Object.entries(parsed.parameters)) {
    const problem = parameterProblem(name, value);
    if (problem) return { problem: `its parameters are not usable (${problem})` };
    parameters[name] = value as number;
  }
  const ensemble = parsed.ensemble;
  if (!isObject(ensemble) || !Array.isArray(ensemble.conditions) || typeof ensemble.replicatesText !== 'string' || typeof ensemble.seedText !== 'string') {
    return { problem: 'its conditions are missing' };
  }
  const conditions = ensemble.conditions.map(conditionOf);
  if (conditions.length < MIN_CONDITIONS || conditions.length > MAX_CONDITIONS || conditions.some((c) => c === null)) {
    return { problem: `its conditions are not usable (${MIN_CONDITIONS} to ${MAX_CONDITIONS} conditions, each a name, a protocol and parameter changes)` };
  }
  return { state: { protocol, parameters, ensemble: { conditions: conditions as ConditionForm[], replicatesText: ensemble.replicatesText.slice(0, 10), seedText: ensemble.seedText.slice(0, 20) } } };
}
