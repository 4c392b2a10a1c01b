package dev.chatbot.operator.testing.cluster;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** The extension behind {@link RealNodeTest}: checks the machine before the cluster starts. */
public final class RealNodeExtension implements BeforeAllCallback {

  private static volatile String verdict;

  @Override
  public void beforeAll(ExtensionContext context) {
    if (RealCluster.REAL_NODES == 0) {
      Assumptions.abort(
          "real-node tests run in the node tier (Failsafe execution node-tier, -Dchatbot.realNodes=1)");
    }
    String missing = missing();
    if (missing.isEmpty()) {
      return;
    }
    String message = "Real nodes cannot run on this machine: missing " + missing;
    if (System.getenv("CI") != null) {
      throw new IllegalStateException(message + " (required because CI is set)");
    }
    Assumptions.abort(message);
  }

  /**
   * Asked once per JVM; printed once, since Failsafe does not show a class-level abort's reason.
   */
  private static synchronized String missing() {
    if (verdict == null) {
      verdict = RealCluster.binariesPresent() ? RealCluster.realNodesMissing() : "";
      if (!verdict.isEmpty()) {
        System.out.println("[real-node] missing " + verdict);
      }
    }
    return verdict;
  }
}
