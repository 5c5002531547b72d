import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { caseStatuses } from '../../shared/domain/cases/case-model';

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * The transition table is the only place a case status literal is assigned: the TypeScript checker finds every
 * `status: '...'` / `status = '...'` in product code whose contextual type is the case status union.
 */
describe('status assignments in product code', () => {
  it('go through the lifecycle table only', () => {
    const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);
    const files = parsed.fileNames.filter((f) => /\/(functions|shared|infra|workflows)\//.test(f) && !f.includes('/test/'));
    const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
    const checker = program.getTypeChecker();
    const statusSet = new Set<string>(caseStatuses);
    const isCaseStatusType = (t: ts.Type | undefined): boolean => {
      if (!t || !t.isUnion()) return false;
      const members = t.types.filter((m) => m.isStringLiteral()).map((m) => (m as ts.StringLiteralType).value);
      return members.length === caseStatuses.length && members.every((m) => statusSet.has(m));
    };
    const offenders: string[] = [];
    for (const sf of program.getSourceFiles()) {
      if (!files.includes(sf.fileName) || sf.fileName.endsWith('shared/domain/cases/lifecycle.ts')) continue;
      const visit = (node: ts.Node) => {
        const literal =
          ts.isPropertyAssignment(node) && node.name.getText(sf) === 'status' && ts.isStringLiteralLike(node.initializer)
            ? node.initializer
            : ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && /\.status$/.test(node.left.getText(sf)) && ts.isStringLiteralLike(node.right)
              ? node.right
              : undefined;
        if (literal && statusSet.has(literal.text) && isCaseStatusType(checker.getContextualType(literal))) {
          const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
          offenders.push(`${path.relative(root, sf.fileName)}:${line + 1} ${node.getText(sf)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    expect(offenders).toEqual([]);
  });
});
