import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per server instance, so two instances in one process (tests) do not collide. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'onetrip_' });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({ name: 'onetrip_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'], registers }),
    httpDuration: new Histogram({ name: 'onetrip_http_request_duration_seconds', help: 'HTTP request duration', labelNames: ['method', 'route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers }),
    pulled: new Counter({ name: 'onetrip_replication_pulled_documents_total', help: 'Documents sent by pulls and live streams', labelNames: ['collection'], registers }),
    pushed: new Counter({ name: 'onetrip_replication_pushed_documents_total', help: 'Documents received by pushes', labelNames: ['collection'], registers }),
    conflicts: new Counter({ name: 'onetrip_replication_conflicts_total', help: 'Push rows answered with a conflict', labelNames: ['collection'], registers }),
    pushesBusy: new Counter({ name: 'onetrip_case_event_pushes_busy_total', help: 'Case-event pushes answered 503 BUSY because PUSH_QUEUE_EVENTS events were already waiting', registers }),
    caseEventQueue: new Gauge({ name: 'onetrip_case_event_queue_events', help: 'Pushed case events waiting for a group transaction', registers }),
    caseEventTransactions: new Counter({ name: 'onetrip_case_event_transactions_total', help: 'Transactions that wrote pushed case events (group commit: each may carry several pushes)', registers }),
    livePulls: new Counter({ name: 'onetrip_live_stream_pulls_total', help: 'Queries run for live streams (streams with the same query since the last change share one)', labelNames: ['collection'], registers }),
    liveStreams: new Gauge({ name: 'onetrip_live_streams', help: 'Open pull-stream connections', registers }),
    logins: new Counter({ name: 'onetrip_logins_total', help: 'Sign-in attempts by outcome', labelNames: ['outcome'], registers }),
    auditEntries: new Counter({ name: 'onetrip_audit_entries_total', help: 'Audit entries written by this instance', labelNames: ['action'], registers }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
