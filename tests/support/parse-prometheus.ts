import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export interface PrometheusFamily { name: string; type: string; samples: Array<{ name: string; labels: Record<string, string>; value: number }> }

/** Debian's Python 3 with python3-prometheus-client (`.ci/run` installs it). */
const PYTHON = process.env.PROMETHEUS_PYTHON || '/usr/bin/python3';

/**
 * Parses Prometheus text with the official Prometheus Python client's parser (a second,
 * independent implementation: not prom-client reading its own output). Throws on invalid text.
 */
export function parsePrometheusText(text: string): Map<string, PrometheusFamily> {
  const run = spawnSync(PYTHON, [resolve('tests/support/parse-prometheus.py')], { input: text, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the Prometheus parser refused the text: ${run.stderr}`);
  return new Map((JSON.parse(run.stdout) as PrometheusFamily[]).map((f) => [f.name, f]));
}
