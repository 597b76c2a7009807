// The supervisor's reports (reports/): the report as JSON and each of its tables as CSV.
import { buildReport, reportCsv } from '../../reports/index.ts';
import { op } from './op.ts';

export const reportOps = [
  op('reports.get', {
    access: { roles: ['supervisor'] },
    run: (ctx, q) => buildReport(ctx.db, q),
  }),
  op('reports.export', {
    access: { roles: ['supervisor'] },
    run(ctx, { table, lang, ...q }) {
      return reportCsv(buildReport(ctx.db, q), table, lang);
    },
  }),
];
