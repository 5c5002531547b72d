import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesize } from '../local/cloud-assembly';
import { resolve } from '../local/intrinsics';
import { aslToMermaid } from './asl-mermaid';

/** `npm run diagram`: rewrites the flow diagram in README.md from the synthesized state machine. */
const root = path.resolve(import.meta.dirname, '..', '..');
const synth = synthesize(fs.mkdtempSync(path.join(os.tmpdir(), 'vetflow-diagram-')), { nag: 'off' });
const sm = Object.values(synth.template.Resources).find((r) => r.Type === 'AWS::StepFunctions::StateMachine')!;
const definition = JSON.parse(String(resolve(sm.Properties?.DefinitionString, synth.template)));
const diagram = aslToMermaid(definition);
const readme = path.join(root, 'README.md');
const text = fs.readFileSync(readme, 'utf8');
const start = '<!-- diagram:start -->';
const end = '<!-- diagram:end -->';
const block = `${start}\n\`\`\`mermaid\n${diagram}\n\`\`\`\n${end}`;
const next = text.includes(start) ? text.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${text}\n${block}\n`;
fs.writeFileSync(readme, next);
console.log(diagram);
