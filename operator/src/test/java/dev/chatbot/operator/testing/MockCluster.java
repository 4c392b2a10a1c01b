package dev.chatbot.operator.testing;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.config.OperatorConfig;
import dev.chatbot.operator.runtime.OperatorRuntime;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * The operator running against the fabric8 mock API server (CRUD mode). There is no Deployment
 * controller here: tests play it by writing Deployment and Pod status themselves. The mock server
 * has no server-side apply, so the operator runs with update-based apply.
 */
public final class MockCluster implements AutoCloseable {

  public final KubernetesClient client;
  // Starts at the real time: the mock server stamps creationTimestamp with it.
  public final TestingClock clock = new TestingClock(Instant.now());
  public final TestingDigestResolver registry = new TestingDigestResolver();
  public final String namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
  private final OperatorRuntime runtime;

  public MockCluster(KubernetesClient client) {
    this(client, Duration.ofSeconds(60));
  }

  public MockCluster(KubernetesClient client, Duration failureThreshold) {
    this(client, failureThreshold, null);
  }

  /** With a real registry client instead of {@link #registry} (null: the in-memory one). */
  public MockCluster(
      KubernetesClient client,
      Duration failureThreshold,
      dev.chatbot.operator.registry.ImageDigestResolver resolver) {
    this.client = client;
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    OperatorConfig config =
        OperatorConfig.defaults()
            .withServerSideApply(false)
            .withLeaderElection(false)
            .withNamespaces(Set.of(namespace))
            .withFailureThreshold(failureThreshold);
    runtime = new OperatorRuntime(config, client, resolver == null ? registry : resolver, clock);
    runtime.start();
  }

  public OperatorRuntime runtime() {
    return runtime;
  }

  /**
   * Creates the CR, or changes its spec and annotations like `kubectl apply` would. (A plain update
   * would also wipe status here: the mock server does not know status is a subresource.)
   */
  public ChatbotDeployment apply(ChatbotDeployment cr) {
    cr.getMetadata().setNamespace(namespace);
    if (get(cr.getMetadata().getName()) == null) {
      return client.resource(cr).create();
    }
    // The operator writes status at the same time: retry on 409 like kubectl does.
    for (int attempt = 1; ; attempt++) {
      try {
        return client
            .resources(ChatbotDeployment.class)
            .inNamespace(namespace)
            .withName(cr.getMetadata().getName())
            .edit(
                existing -> {
                  existing.setSpec(cr.getSpec());
                  existing.getMetadata().setAnnotations(cr.getMetadata().getAnnotations());
                  return existing;
                });
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= 10) {
          throw e;
        }
      }
    }
  }

  /** Waits until the CR has a status that satisfies the condition, and returns it. */
  public ChatbotDeployment awaitStatus(
      String name, java.util.function.Predicate<ChatbotDeployment> until) {
    return org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> get(name), cr -> cr != null && cr.getStatus() != null && until.test(cr));
  }

  public ChatbotDeployment get(String name) {
    return client.resources(ChatbotDeployment.class).inNamespace(namespace).withName(name).get();
  }

  /** The image the Deployment's pod template runs. */
  public String image(String name) {
    return deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  public Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(namespace).withName(name).get();
  }

  @Override
  public void close() {
    runtime.close();
  }
}
