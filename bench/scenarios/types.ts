/**
 * What a load scenario is to the runner: it prepares once, then measures one server at a
 * time (each measurement starts and stops its own server process), and names its metrics so
 * that tables, JSON and the plot read them the same way.
 */
import type { Spread } from '../load/stats';
import type { ServerKind } from '../servers/launch';

export interface Metric {
  key: string;
  label: string;
  unit: string;
  /** Shown with this many decimals. */
  digits?: number;
}

export interface Measurement {
  values: Record<string, number>;
  /** Average cores used by processes outside the measurement (noise) during its timed part. */
  otherCores: number;
  notes?: string[];
}

export interface ScenarioOptions {
  quick: boolean;
  /** Write Plenary CPU profiles here (`--cpu-prof`). */
  profileDir?: string;
}

export interface Scenario {
  /** Short id used by --only (its first letter) and in the JSON: a200, a50, b, c, d. */
  id: string;
  title: string;
  params: Record<string, number | string>;
  metrics: Metric[];
  servers: readonly ServerKind[];
  /** Why a server takes no part, or what a figure means for it. */
  notes: string[];
  prepare(): Promise<void>;
  measure(kind: ServerKind): Promise<Measurement>;
  dispose(): Promise<void>;
}

export interface ServerResult {
  runs: Measurement[];
  summary: Record<string, Spread>;
}

export interface ScenarioResult {
  id: string;
  title: string;
  mode: 'full' | 'quick';
  measuredAt: string;
  params: Record<string, number | string>;
  metrics: Metric[];
  notes: string[];
  servers: Partial<Record<ServerKind, ServerResult>>;
}
