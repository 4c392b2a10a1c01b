package dev.chatbot.operator.testing;

import dev.chatbot.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;

/** Plays the Deployment controller and kubelet in mock-server tests, one verdict at a time. */
public final class TestingDeploymentController {

  private final KubernetesClient client;
  private final String namespace;

  public TestingDeploymentController(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /** All replicas of the current template updated, ready and available. */
  public void makeAvailable(String name) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
    int replicas = d.getSpec().getReplicas();
    d.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withReadyReplicas(replicas)
            .withAvailableReplicas(replicas)
            .withConditions(
                new DeploymentConditionBuilder()
                    .withType("Available")
                    .withStatus("True")
                    .withReason("MinimumReplicasAvailable")
                    .build(),
                new DeploymentConditionBuilder()
                    .withType("Progressing")
                    .withStatus("True")
                    .withReason("NewReplicaSetAvailable")
                    .build())
            .build());
    client.resource(d).updateStatus();
  }

  /** The progress deadline ran out for the current template. */
  public void exceedDeadline(String name) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
    d.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(d.getMetadata().getGeneration())
            .withReplicas(1)
            .withUpdatedReplicas(1)
            .withReadyReplicas(0)
            .withAvailableReplicas(0)
            .withConditions(
                new DeploymentConditionBuilder()
                    .withType("Progressing")
                    .withStatus("False")
                    .withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet \"" + name + "-x\" has timed out progressing.")
                    .build())
            .build());
    client.resource(d).updateStatus();
  }

  /** The kubelet restarts the crashing container once more: a Pod status change. */
  public void restartAgain(String podName) {
    var pod = client.pods().inNamespace(namespace).withName(podName).get();
    var status = pod.getStatus().getContainerStatuses().get(0);
    status.setRestartCount(status.getRestartCount() + 1);
    client.resource(pod).updateStatus();
  }

  /** A pod of the Deployment's current template, stuck in a waiting reason since {@code since}. */
  public String stuckPod(String name, String waitingReason, Instant since) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
    var template = d.getSpec().getTemplate();
    String podName =
        name + "-" + template.getMetadata().getAnnotations().get(Labels.REVISION) + "-pod";
    client
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(podName)
                .withNamespace(namespace)
                .withLabels(template.getMetadata().getLabels())
                .withAnnotations(template.getMetadata().getAnnotations())
                .withCreationTimestamp(since.toString())
                .endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus()
                .withPhase("Pending")
                .withContainerStatuses(
                    List.of(
                        new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                            .withName("chatbot")
                            .withReady(false)
                            .withRestartCount(4)
                            .withNewState()
                            .withNewWaiting()
                            .withReason(waitingReason)
                            .withMessage("back-off restarting failed container")
                            .endWaiting()
                            .endState()
                            .build()))
                .endStatus()
                .build())
        .create();
    return podName;
  }
}
