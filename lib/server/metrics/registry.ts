/**
 * A minimal Prometheus registry: counters, gauges and histograms with labels, rendered in the
 * text exposition format (version 0.0.4). Small on purpose: the server needs a dozen series,
 * not a client library.
 */

export type Labels = Readonly<Record<string, string>>;

interface Metric {
  name: string;
  help: string;
  type: "counter" | "gauge" | "histogram";
  render(): string[];
}

const escapeLabel = (v: string): string => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  if (pairs.length === 0) return "";
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
}

const keyOf = (labels: Labels): string => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
const num = (v: number): string => (Number.isFinite(v) ? String(v) : v > 0 ? "+Inf" : v < 0 ? "-Inf" : "NaN");

export class Counter implements Metric {
  readonly type = "counter" as const;
  readonly #values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const key = keyOf(labels);
    const entry = this.#values.get(key);
    if (entry) entry.value += by;
    else this.#values.set(key, { labels, value: by });
  }
  get(labels: Labels = {}): number {
    return this.#values.get(keyOf(labels))?.value ?? 0;
  }
  render(): string[] {
    if (this.#values.size === 0) return [`${this.name} 0`];
    return [...this.#values.values()].map((e) => `${this.name}${labelText(e.labels)} ${num(e.value)}`);
  }
}

export class Gauge implements Metric {
  readonly type = "gauge" as const;
  readonly #values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  set(labels: Labels, value: number): void {
    this.#values.set(keyOf(labels), { labels, value });
  }
  render(): string[] {
    return [...this.#values.values()].map((e) => `${this.name}${labelText(e.labels)} ${num(e.value)}`);
  }
}

export class Histogram implements Metric {
  readonly type = "histogram" as const;
  readonly #series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    /** Upper bounds, ascending (seconds). */
    readonly buckets: readonly number[],
  ) {}
  observe(labels: Labels, value: number): void {
    const key = keyOf(labels);
    let s = this.#series.get(key);
    if (!s) this.#series.set(key, (s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]!++;
    s.sum += value;
    s.count++;
  }
  render(): string[] {
    const lines: string[] = [];
    for (const s of this.#series.values()) {
      this.buckets.forEach((le, i) => lines.push(`${this.name}_bucket${labelText(s.labels, ["le", num(le)])} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${labelText(s.labels, ["le", "+Inf"])} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${num(s.sum)}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines;
  }
}

export class MetricsRegistry {
  readonly #metrics: Metric[] = [];
  readonly #collectors: (() => Promise<void>)[] = [];

  register<M extends Metric>(metric: M): M {
    this.#metrics.push(metric);
    return metric;
  }

  /** Runs before every scrape (gauges read from elsewhere: the queue's depth). */
  onCollect(collect: () => Promise<void>): void {
    this.#collectors.push(collect);
  }

  async render(): Promise<string> {
    await Promise.all(this.#collectors.map((c) => c().catch(() => undefined)));
    const out: string[] = [];
    for (const m of this.#metrics) {
      out.push(`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`, ...m.render());
    }
    return out.join("\n") + "\n";
  }
}

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
