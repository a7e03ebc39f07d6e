import * as echarts from 'echarts';
import type { BulletinContent } from '../bulletin-content';
import { bulletinTitle, localDate, sections, summaryParagraph } from './sections';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/**
 * The per-unit chart drawn on the server as SVG (ECharts' SSR renderer, no DOM, no script): each
 * unit's on-time rate and its overdue items.
 */
export function unitChartSvg(c: BulletinContent): string {
  const units = c.byOrganization;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 680, height: 320 });
  try {
    chart.setOption({
      animation: false,
      title: { text: '各单位按期率与逾期事项', left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0 },
      grid: { left: 50, right: 50, top: 40, bottom: 70 },
      xAxis: { type: 'category', data: units.map((u) => u.name), axisLabel: { interval: 0, rotate: units.length > 5 ? 30 : 0 } },
      yAxis: [
        { type: 'value', name: '按期率%', min: 0, max: 100 },
        { type: 'value', name: '逾期', minInterval: 1 },
      ],
      series: [
        { name: '按期率%', type: 'bar', data: units.map((u) => (u.onTimeRate === null ? null : Math.round(u.onTimeRate * 1000) / 10)) },
        { name: '逾期事项', type: 'bar', yAxisIndex: 1, data: units.map((u) => u.overdue) },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A printable A4 page: title, period, summary, the chart, and the tables. No script anywhere. */
export function renderHtml(c: BulletinContent): string {
  const title = escapeHtml(bulletinTitle(c));
  const tables = sections(c)
    .map((s) => {
      const head = `<tr>${s.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
      const rows = s.rows.length
        ? s.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(String(v))}</td>`).join('')}</tr>`).join('\n')
        : `<tr><td colspan="${s.headers.length}">无</td></tr>`;
      return `<section id="${s.key}"><h2>${escapeHtml(s.title)}</h2><table><thead>${head}</thead><tbody>${rows}</tbody></table></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title>
<style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 11pt; color: #111; max-width: 180mm; margin: 0 auto; }
h1 { text-align: center; font-size: 18pt; margin: 0 0 4mm; }
.period { text-align: center; margin: 0 0 6mm; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 6mm; page-break-inside: auto; }
th, td { border: 1px solid #666; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
.chart { text-align: center; page-break-inside: avoid; }
</style></head>
<body>
<h1>${title}</h1>
<p class="period">通报期间：${localDate(c.periodStart, c.timezone)} 至 ${localDate(c.periodEnd, c.timezone)}</p>
<p class="summary">${escapeHtml(summaryParagraph(c))}</p>
<div class="chart">${unitChartSvg(c)}</div>
${tables}
</body></html>
`;
}
