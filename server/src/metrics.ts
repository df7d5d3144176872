/**
 * Prometheus metrics (prom-client) on /metrics: connections, rooms (and how many hibernate), relayed updates,
 * durable-append latency, relay latency, rejected frames by reason (invalid updates as
 * `invalid_<reason>`, dropped pending updates as `pending_dropped`, presence claims on others'
 * ids as `awareness_spoof`), quarantined rows.
 */
import client from 'prom-client';
import type { RequestHandler } from 'express';

export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  let sample: () => { rooms: number; dormantRooms: number; connections: number } = () => ({ rooms: 0, dormantRooms: 0, connections: 0 });

  new client.Gauge({ name: 'plenary_rooms', help: 'Rooms loaded on this instance', registers: [registry], collect() { this.set(sample().rooms); } });
  new client.Gauge({ name: 'plenary_rooms_dormant', help: 'Loaded rooms hibernating (encoded state only)', registers: [registry], collect() { this.set(sample().dormantRooms); } });
  new client.Gauge({ name: 'plenary_connections', help: 'Open collaboration connections', registers: [registry], collect() { this.set(sample().connections); } });
  const connectionsOpened = new client.Counter({ name: 'plenary_connections_opened_total', help: 'Connections admitted', registers: [registry] });
  const updatesRelayed = new client.Counter({ name: 'plenary_updates_relayed_total', help: 'Update frames sent to clients', registers: [registry] });
  const updatesStored = new client.Counter({ name: 'plenary_updates_stored_total', help: 'Updates appended durably', registers: [registry] });
  const quarantined = new client.Counter({ name: 'plenary_quarantined_total', help: 'Stored rows moved to quarantine because they could not be loaded', registers: [registry] });
  const rejected = new client.Counter({ name: 'plenary_rejected_total', help: 'Refused connections and frames, by reason', labelNames: ['reason'], registers: [registry] });
  const appendSeconds = new client.Histogram({
    name: 'plenary_append_seconds', help: 'Durable append latency per batch', registers: [registry],
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1],
  });
  const relaySeconds = new client.Histogram({
    name: 'plenary_relay_seconds', help: 'From receiving an update to relaying it (includes the durable append)', registers: [registry],
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5, 1],
  });

  const handler: RequestHandler = async (_req, res) => {
    res.setHeader('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  };

  return {
    registry,
    handler,
    gauge(fn: typeof sample) {
      sample = fn;
    },
    appendBatch: (size: number, seconds: number) => {
      updatesStored.inc(size);
      appendSeconds.observe(seconds);
    },
    room: {
      relayed: (count: number) => updatesRelayed.inc(count),
      relayLatency: (seconds: number) => relaySeconds.observe(seconds),
      quarantined: (count: number) => quarantined.inc(count),
      pendingDropped: () => rejected.inc({ reason: 'pending_dropped' }),
    },
    collab: {
      connectionOpened: () => connectionsOpened.inc(),
      connectionClosed: () => {},
      rejected: (reason: string) => rejected.inc({ reason }),
    },
  };
}
