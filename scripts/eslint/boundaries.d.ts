import type { Rule } from 'eslint';

declare const plugin: { rules: { boundaries: Rule.RuleModule; 'sql-in-repositories': Rule.RuleModule } };
export default plugin;
