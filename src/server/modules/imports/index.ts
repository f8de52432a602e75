/** The imports module's public surface: tasks from XLSX/CSV into a programme. */
export { importRoutes } from './imports.routes.ts';
export { importTasks, type ImportProgress } from './import-tasks.ts';
export { ALIASES, TEMPLATE_COLUMNS } from './import-columns.ts';
