// Field inventories (src/web/api/fields.ts): a field the contract adds to an answer must fail the web's build until the
// inventory lists it, and every answer type the web api imports must have an inventory.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const apiDir = join(root, 'src/web/api');

/** Type-checks one in-memory file (beside src/web/api, so its imports resolve) under the web's compiler options. */
function diagnosticsOf(code: string): string[] {
  const file = join(apiDir, '__fields_check__.ts');
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'src/web/tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('src/web/tsconfig.json could not be read');
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === file ? ts.createSourceFile(name, code, languageVersion, true) : getSourceFile(name, languageVersion, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram([file], config.options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('fieldsOf', () => {
  const header = "import { fieldsOf } from './fields.ts';\ntype T = { a: string; b?: number };\n";

  it('accepts an inventory that lists every field once', () => {
    expect(diagnosticsOf(`${header}export const f = fieldsOf<T>()({ a: 'shown', b: 'ignored' });`)).toEqual([]);
  });

  it('fails to compile when the type gains a field the inventory lacks', () => {
    const errors = diagnosticsOf(`${header}export const f = fieldsOf<T>()({ a: 'shown' });`);
    expect(errors.join('\n')).toMatch(/Property 'b' is missing/);
  });

  it('fails to compile when the inventory lists a field the type no longer has', () => {
    expect(diagnosticsOf(`${header}export const f = fieldsOf<T>()({ a: 'shown', b: 'shown', gone: 'ignored' });`)).not.toEqual([]);
  });

  it("takes only 'shown' or 'ignored'", () => {
    expect(diagnosticsOf(`${header}export const f = fieldsOf<T>()({ a: 'shown', b: 'maybe' });`)).not.toEqual([]);
  });

  it('lists the fields of every member of a union answer', () => {
    const union = "type U = { kind: 'x'; x: number } | { kind: 'y'; y: string };\n";
    expect(diagnosticsOf(`${header}${union}export const f = fieldsOf<U>()({ kind: 'shown', x: 'shown', y: 'ignored' });`)).toEqual([]);
    expect(diagnosticsOf(`${header}${union}export const f = fieldsOf<U>()({ kind: 'shown', x: 'shown' });`)).not.toEqual([]);
  });

  it("breaks a real inventory when the contract's answer grows", () => {
    const code = [
      "import { fieldsOf } from './fields.ts';",
      "import { milestoneFields } from './tasks.ts';",
      "import type { MilestoneResponse } from '../../contract/tasks.ts';",
      'export const same = fieldsOf<MilestoneResponse>()({ ...milestoneFields });',
      'export const grown = fieldsOf<MilestoneResponse & { addedLater: string }>()({ ...milestoneFields });',
    ].join('\n');
    const errors = diagnosticsOf(code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Property 'addedLater' is missing/);
  });
});

describe('every answer the web api imports has an inventory', () => {
  const contractText = new Map(readdirSync(join(root, 'src/contract')).map((f) => [f, readFileSync(join(root, 'src/contract', f), 'utf8')]));
  // `{ items: T[] }` answers need no inventory of their own: T's is the one that matters.
  const isWrapper = (file: string, name: string) =>
    new RegExp(`export const ${name} = (Items\\(\\w+\\)|Type\\.Object\\(\\{ items: Type\\.Array\\(\\w+\\) \\}\\));`).test(contractText.get(file) ?? '');

  const imported: string[] = [];
  const inventoried = new Set<string>();
  for (const name of readdirSync(apiDir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(apiDir, name), 'utf8');
    const original = new Map<string, string>(); // local name -> contract file:name
    for (const m of text.matchAll(/(?:import|export) type \{([^}]*)\} from '\.\.\/\.\.\/contract\/([\w-]+\.ts)'/g)) {
      for (const spec of m[1]!.split(',').map((s) => s.trim()).filter(Boolean)) {
        const [orig, local] = spec.split(/\s+as\s+/) as [string, string | undefined];
        original.set(local ?? orig, `${m[2]}:${orig}`);
        if (orig.endsWith('Response') && !isWrapper(m[2]!, orig)) imported.push(`${m[2]}:${orig}`);
      }
    }
    for (const m of text.matchAll(/fieldsOf<(\w+)>/g)) inventoried.add(original.get(m[1]!) ?? `?:${m[1]}`);
  }

  it('finds the imports', () => {
    expect(imported.length).toBeGreaterThan(10);
  });

  it('has a fieldsOf<…> inventory for each', () => {
    expect([...new Set(imported)].filter((key) => !inventoried.has(key))).toEqual([]);
  });
});
