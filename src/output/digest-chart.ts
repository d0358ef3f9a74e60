import type { TopLevelSpec } from 'vega-lite';
import type { PublishedCount } from '../domain/anonymiser.js';
import type { PublishedDigest } from '../domain/digest.js';
import { frDigest as d, fr } from '../i18n/fr.js';

/** How a published count reads ("4", "< 3", "n.c."), and the height a bar may show for it (none when not exact). */
const read = (c: PublishedCount, threshold: number) =>
  c.kind === 'value' ? String(c.value) : c.kind === 'small' ? d.small(threshold) : d.hidden;
const height = (c: PublishedCount) => (c.kind === 'value' ? c.value : 0);

/**
 * The digest's picture, drawn on the server from the published figures only (a small or hidden count has no bar,
 * its label says "< 3" or "n.c."): the weekly trend of new referrals and, when they say something, the month's
 * signs of fragility by axis; nothing when no bar would show. Vega-Lite → SVG → PNG (resvg). The alt text says every figure the picture shows.
 */
export async function digestChartSvg(digest: PublishedDigest): Promise<{ svg: string; altText: string } | null> {
  const t = digest.threshold;
  const trend = digest.trend.map((p) => ({
    week: d.weekShort(p.weekId),
    value: height(p.count),
    label: read(p.count, t),
  }));
  const months = (digest.monthTrend ?? []).map((p) => ({
    month: d.monthShort(p.monthId),
    value: height(p.count),
    label: read(p.count, t),
  }));
  const byAxis = digest.month?.fragilityByAxis ?? digest.fragilityByAxis;
  const fragility = (byAxis?.withdrawn ? [] : (byAxis?.rows ?? [])).map((r) => ({
    axis: fr.axis[r.key as keyof typeof fr.axis] ?? r.key,
    value: height(r.count),
    label: read(r.count, t),
  }));
  // A picture of bars that are all absent or zero shows nothing the text does not say better: none is sent.
  if (![...months, ...trend, ...fragility].some((b) => b.value > 0)) return null;
  const bars = (data: { value: number; label: string }[], field: string, title: string, color: string) => ({
    title,
    width: 420,
    height: 160,
    data: { values: data },
    encoding: {
      x: { field, type: 'ordinal', sort: null, axis: { labelAngle: 0, title: null } },
      y: { field: 'value', type: 'quantitative', axis: { title: null, tickMinStep: 1 } },
    },
    layer: [
      { mark: { type: 'bar', color } },
      { mark: { type: 'text', dy: -6 }, encoding: { text: { field: 'label' } } },
    ],
  });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: { font: 'DejaVu Sans', view: { stroke: null } },
    background: 'white',
    padding: 12,
    vconcat: [
      ...(months.some((m) => m.value > 0) ? [bars(months, 'month', d.chart.monthTrendTitle, '#2e7d4f')] : []),
      bars(trend, 'week', d.chart.trendTitle, '#1d6fa5'),
      ...(fragility.some((f) => f.value > 0)
        ? [bars(fragility, 'axis', digest.month ? d.chart.monthFragilityTitle : d.chart.fragilityTitle, '#b5531c')]
        : []),
    ],
  } as unknown as TopLevelSpec;
  // Loaded on first use: a weekly job should not weigh on the app's start and idle memory.
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  const altText = d.chart.alt(
    months.map((p) => `${p.month} : ${p.label}`).join(', '),
    trend.map((p) => `${p.week} : ${p.label}`).join(', '),
    fragility.map((f) => `${f.axis} : ${f.label}`).join(', '),
  );
  return { svg, altText: altText.slice(0, 1000) };
}

/**
 * The picture itself (resvg, a native addon kept out of worker threads, whose teardown it could crash): parsed, its
 * fonts loaded and rasterised on libuv's thread pool (`renderAsync`), so that the app's thread never waits for it.
 * The SVG comes from `digestChartSvg`, which the compute thread runs.
 */
export async function chartPng(svg: string): Promise<Buffer> {
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return Buffer.from(image.asPng());
}
