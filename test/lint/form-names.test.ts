// Every Ant Design form in the web has a name of its own. An unnamed form gives its fields bare ids (`name`, `text`,
// `value`); two such forms on one page (a dialog over a page with its own form) make a label name the other form's
// field, for screen readers and for clicks on the label alike. A named form prefixes its ids (`report_text`).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const WEB = join(ROOT, 'src/web');

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsxFiles(path);
    return e.name.endsWith('.tsx') ? [path] : [];
  });
}

interface FormTag {
  at: string;
  /** The name as written: a "literal", or {an expression} for forms rendered once per row. */
  name: string | null;
}

/** The opening tags of `<Form>` and `<Form<Values>>` (not Form.Item, Form.List…) with their name attribute. */
function formTags(): FormTag[] {
  return tsxFiles(WEB).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/<Form(?:<[^>]*>)?(?=[\s>])[^>]*>/g)].map((m) => ({
      at: `${relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}`,
      name: /\sname=("[^"]*"|\{[^}]*\})/.exec(m[0])?.[1] ?? null,
    }));
  });
}

describe('web forms', () => {
  const forms = formTags();

  it('are all found (the scan is not empty)', () => {
    expect(forms.length).toBeGreaterThanOrEqual(30);
  });

  it('each have a name', () => {
    expect(forms.filter((f) => f.name === null).map((f) => f.at)).toEqual([]);
  });

  it('have names that no other form uses', () => {
    const byName = new Map<string, string[]>();
    for (const f of forms) if (f.name?.startsWith('"')) byName.set(f.name, [...(byName.get(f.name) ?? []), f.at]);
    expect([...byName].filter(([, at]) => at.length > 1).map(([name, at]) => `${name}: ${at.join(', ')}`)).toEqual([]);
  });
});
