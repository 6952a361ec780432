import { parameterSchema } from '../model/parameters';

/** The parameter table of src/model/README.md, generated from the schema (`npm run -s params:table`). */
export function parameterTableMarkdown(): string {
  const rows = parameterSchema.map((spec) => {
    const unit = spec.unit || '—';
    const badge = spec.estimate ? '**estimate**' : 'measured/derived';
    return `| \`${spec.name}\` | ${spec.group} | ${spec.defaultValue} | ${unit} | ${spec.min} – ${spec.max} | ${badge} | ${spec.source} |`;
  });
  return ['| name | group | default | unit | range | kind | source |', '|---|---|---|---|---|---|---|', ...rows].join('\n');
}

if (process.argv[1] && /parameterTable\.ts$/.test(process.argv[1])) process.stdout.write(`${parameterTableMarkdown()}\n`);
