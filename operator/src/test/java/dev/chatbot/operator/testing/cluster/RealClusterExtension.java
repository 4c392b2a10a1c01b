package dev.chatbot.operator.testing.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** The extension behind {@link RealClusterTest}. */
public final class RealClusterExtension implements BeforeAllCallback, ParameterResolver {

  private static volatile boolean skipReported;

  /** The one-line reason shown when the binaries are missing. */
  static String missingBinariesMessage() {
    return "Real control plane binaries not found under "
        + RealCluster.binDir()
        + "; build them with test-infra/build-control-plane.sh";
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!RealCluster.binariesPresent()) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(missingBinariesMessage() + " (required because CI is set)");
      }
      // Surefire/failsafe do not show the reason of a class-level abort: print it once per JVM.
      if (!skipReported) {
        skipReported = true;
        System.out.println("[real-cluster] " + missingBinariesMessage());
      }
      Assumptions.abort(missingBinariesMessage());
    }
    RealCluster.get();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RealCluster.class || type == KubernetesClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RealCluster cluster = RealCluster.get();
    return parameter.getParameter().getType() == RealCluster.class ? cluster : cluster.client();
  }
}
