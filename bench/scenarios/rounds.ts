/**
 * Runs a scenario the way BENCHMARKING.md asks: the servers interleaved (A B C A B C …) for a
 * number of rounds, each measurement rerun while processes outside it used more than
 * `noiseLimitCores` (up to `maxReruns` times; the last run is kept and its noise recorded).
 * Before each measurement it waits (a bounded time) for the rest of the machine to go quiet.
 */
import { waitForQuiet } from '../load/procstat';
import { spread } from '../load/stats';
import type { ServerKind } from '../servers/launch';
import type { Measurement, Scenario, ScenarioResult, ServerResult } from './types';

export interface RoundOptions {
  rounds: number;
  mode: 'full' | 'quick';
  noiseLimitCores: number;
  maxReruns: number;
  /** Before each measurement, wait up to this long for the machine to be quiet. */
  maxQuietWaitMs: number;
  log(line: string): void;
}

export async function runScenario(scenario: Scenario, options: RoundOptions): Promise<ScenarioResult> {
  const runs = new Map<ServerKind, Measurement[]>(scenario.servers.map((k) => [k, []]));
  options.log(`== ${scenario.id}: ${scenario.title} ==`);
  await scenario.prepare();
  try {
    for (let round = 1; round <= options.rounds; round++) {
      for (const kind of scenario.servers) {
        const measure = async () => {
          const before = await waitForQuiet(options.noiseLimitCores / 2, options.maxQuietWaitMs);
          if (before > options.noiseLimitCores / 2) options.log(`   (the machine is busy: ${before.toFixed(2)} cores used by others; measuring anyway)`);
          return scenario.measure(kind);
        };
        let measurement = await measure();
        for (let rerun = 1; measurement.otherCores > options.noiseLimitCores && rerun <= options.maxReruns; rerun++) {
          options.log(`   ${kind}: other processes used ${measurement.otherCores.toFixed(2)} cores; measuring again (${rerun}/${options.maxReruns})`);
          measurement = await measure();
        }
        runs.get(kind)!.push(measurement);
        options.log(`   round ${round} ${kind.padEnd(9)} ${brief(scenario, measurement)}`);
      }
    }
  } finally {
    await scenario.dispose();
  }
  const servers: Partial<Record<ServerKind, ServerResult>> = {};
  for (const [kind, list] of runs) {
    const keys = [...scenario.metrics.map((m) => m.key), 'otherCores'];
    const summary = Object.fromEntries(keys.map((key) => [key, spread(list.map((m) => (key === 'otherCores' ? m.otherCores : m.values[key])))]));
    servers[kind] = { runs: list, summary };
  }
  return {
    id: scenario.id,
    title: scenario.title,
    mode: options.mode,
    measuredAt: new Date().toISOString(),
    params: scenario.params,
    metrics: scenario.metrics,
    notes: scenario.notes,
    servers,
  };
}

function brief(scenario: Scenario, m: Measurement): string {
  const parts = scenario.metrics.slice(0, 6).map((metric) => `${metric.key}=${format(m.values[metric.key], metric.digits)}`);
  return `${parts.join(' ')} other=${m.otherCores.toFixed(2)}${m.notes?.length ? ` (${m.notes.join('; ')})` : ''}`;
}

export function format(value: number | undefined, digits = 1): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}
