import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesize } from '../local/cloud-assembly';
import { resolve } from '../local/intrinsics';
import { aslToMermaid } from './asl-mermaid';
import { lifecycleDiagram } from '../../shared/domain/cases/lifecycle';

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
const replaceBlock = (body: string, from: string, to: string, content: string) => {
  const block = `${from}\n\`\`\`mermaid\n${content}\n\`\`\`\n${to}`;
  return body.includes(from) ? body.replace(new RegExp(`${from}[\\s\\S]*?${to}`), block) : `${body}\n${block}\n`;
};
// The flow from the state machine, and the case lifecycle from its transition table (shared/domain/cases/lifecycle.ts).
const lifecycle = lifecycleDiagram();
fs.writeFileSync(readme, replaceBlock(replaceBlock(text, start, end, diagram), '<!-- lifecycle:start -->', '<!-- lifecycle:end -->', lifecycle));
console.log(diagram);
console.log(lifecycle);
