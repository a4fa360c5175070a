package dev.stockbridge.reconcile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs alerts at WARN. Stateless. */
enum Slf4jAlertSink implements AlertSink {
  INSTANCE;

  static final Logger LOG = LoggerFactory.getLogger("dev.stockbridge.reconcile.alert");

  @Override
  public void send(Alert alert) {
    LOG.warn("{}; by owner {}; report {}", alert.summary(), alert.byOwner(),
        alert.report().map(Object::toString).orElse("not published"));
    for (Discrepancy d : alert.samples()) {
      LOG.warn("  {} {} [{}] {}; cause: {}; action: {}", d.kind(), d.subject(), d.owner(), d.detail(),
          d.cause().description(), d.action());
    }
  }
}
