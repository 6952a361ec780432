import { useState } from 'react';
import { formatRange, parameterProblem, parameterSchema, type ParameterGroup, type ParameterSpec } from '../model/parameters';
import type { AppStore } from '../state/appState';
import type { SimulationClient } from '../state/SimulationClient';
import { useStore } from '../state/useStore';

const groupTitles: Record<ParameterGroup, string> = {
  turnover: 'Spine turnover',
  size: 'Spine size',
  imaging: 'Imaging and scoring',
  stress: 'Chronic stress',
  ketamine: 'Ketamine',
  behaviour: 'Behaviour',
  numerics: 'Numerics',
};


/** A problem in the panel's words: the parameter's label where the schema's message names it. */
function inWords(problem: string, spec: ParameterSpec): string {
  return problem.split(spec.name).join(`“${spec.label}”`);
}

/** Whether a row matches the search: its label, name, unit or description holds every word typed. */
function matches(spec: ParameterSpec, query: string): boolean {
  const text = `${spec.label} ${spec.name} ${spec.unit} ${spec.description}`.toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => text.includes(word));
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

function ParameterRow({ spec, value, onCommit }: { spec: ParameterSpec; value: number; onCommit: (name: string, value: number) => Promise<string | null> }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const id = `param-${spec.name}`;
  const commit = async () => {
    if (draft === null) return;
    const parsed = draft.trim() === '' ? Number.NaN : Number(draft);
    const local = parameterProblem(spec.name, parsed);
    if (local) {
      setProblem(inWords(local, spec));
      return;
    }
    const remote = await onCommit(spec.name, parsed);
    setProblem(remote && inWords(remote, spec));
    if (!remote) setDraft(null);
  };
  const atDefault = value === spec.defaultValue;
  return (
    <div className={`param${problem ? ' invalid' : ''}${atDefault ? '' : ' changed'}`}>
      <label htmlFor={id} className="param-label">
        {spec.label}
        {spec.estimate && (
          <span className="badge" title="No direct measurement: the default is an estimate">
            estimate
          </span>
        )}
      </label>
      <div className="param-input">
        <input
          id={id}
          data-testid={id}
          type="number"
          step="any"
          min={spec.min}
          max={spec.max}
          value={draft ?? formatValue(value)}
          aria-invalid={problem !== null}
          aria-describedby={`${id}-info`}
          onChange={(e) => {
            setDraft(e.target.value);
            setProblem(null);
          }}
          onBlur={() => void commit()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void commit();
            if (e.key === 'Escape') {
              setDraft(null);
              setProblem(null);
            }
          }}
        />
        <span className="unit">{spec.unit || 'no unit'}</span>
        <button
          type="button"
          className="reset-one"
          disabled={atDefault && draft === null}
          title={`Back to the default (${formatValue(spec.defaultValue)})`}
          aria-label={`Reset ${spec.label} to its default`}
          onClick={() => {
            setDraft(null);
            setProblem(null);
            void onCommit(spec.name, spec.defaultValue);
          }}
        >
          ↺
        </button>
      </div>
      {problem && (
        <p className="problem" role="alert" data-testid={`${id}-problem`}>
          Not applied: {problem}
        </p>
      )}
      <div id={`${id}-info`} className="param-info">
        range {formatRange(spec)} · default {formatValue(spec.defaultValue)}
        {spec.appliesAt === 'reset' ? ' · takes effect at the next reset' : ''}
      </div>
      <details className="param-source">
        <summary>About</summary>
        <p>{spec.description}</p>
        <p className="source">Source: {spec.source}</p>
      </details>
    </div>
  );
}

/** The model's parameters, generated from its schema: grouped, with units, ranges, defaults and sources. */
export default function ParameterPanel({ store, client }: { store: AppStore; client: SimulationClient }) {
  const overrides = useStore(store, (s) => s.parameters);
  const [resetKey, setResetKey] = useState(0);
  const [query, setQuery] = useState('');
  const found = query.trim() === '' ? null : parameterSchema.filter((spec) => matches(spec, query));
  const groups = [...new Set(parameterSchema.map((spec) => spec.group))];
  const commit = (name: string, value: number) => {
    const next: Record<string, number> = { ...store.getState().parameters };
    const spec = parameterSchema.find((s) => s.name === name);
    if (spec && value === spec.defaultValue) delete next[name];
    else next[name] = value;
    return client.setParameters(next);
  };
  const changed = Object.keys(overrides).length;
  return (
    <div className="param-groups" key={resetKey}>
      <div className="param-toolbar">
        <span>{changed === 0 ? 'All at their defaults.' : `${changed} changed from the default.`} Changes apply at once.</span>
        <button
          type="button"
          disabled={changed === 0}
          onClick={() => {
            void client.setParameters({});
            setResetKey((k) => k + 1);
          }}
        >
          Reset all
        </button>
      </div>
      <input
        type="search"
        className="param-search"
        placeholder="Search parameters (name, unit, words)"
        aria-label="Search parameters"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="param-search"
      />
      {found && (
        <div className="param-found" data-testid="param-found">
          <p className="hint">{found.length === 0 ? 'No parameter matches.' : `${found.length} match${found.length === 1 ? '' : 'es'}:`}</p>
          {found.map((spec) => (
            <ParameterRow key={spec.name} spec={spec} value={overrides[spec.name] ?? spec.defaultValue} onCommit={commit} />
          ))}
        </div>
      )}
      {!found && groups.map((group) => (
        <details key={group} className="param-group" open={group === 'imaging' || group === 'ketamine'}>
          <summary>{groupTitles[group]}</summary>
          {parameterSchema
            .filter((spec) => spec.group === group)
            .map((spec) => (
              <ParameterRow key={spec.name} spec={spec} value={overrides[spec.name] ?? spec.defaultValue} onCommit={commit} />
            ))}
        </details>
      ))}
    </div>
  );
}
