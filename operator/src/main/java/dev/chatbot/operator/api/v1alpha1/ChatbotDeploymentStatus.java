package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the operator observed and decided. Written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChatbotDeploymentStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Pending, Progressing, Ready, Degraded, RolledBack or Failed.")
  private Phase phase;

  @JsonPropertyDescription(
      "Conditions Ready, Progressing, Degraded, RolledBack and Reconciled, with reason and"
          + " message.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The image digest deployed, and the tag it was resolved from.")
  private ImageStatus image;

  @JsonPropertyDescription("Revision (pod template hash) the Deployment runs now.")
  private String currentRevision;

  @JsonPropertyDescription(
      "Revision that last completed its stabilization window and has not failed since: what an"
          + " automatic rollback deploys.")
  private String lastKnownGoodRevision;

  @JsonPropertyDescription(
      "Revision whose rollout failed last; not retried until the spec or chatbot.dev/retry"
          + " changes; kept until a later revision completes its stabilization.")
  private String failedRevision;

  @JsonPropertyDescription("Deployed revisions, newest first, bounded by revisionHistoryLimit.")
  private List<RevisionRecord> history = new ArrayList<>();

  @JsonPropertyDescription("Desired number of pods.")
  private Integer replicas;

  @JsonPropertyDescription("Pods that are ready.")
  private Integer readyReplicas;

  @JsonPropertyDescription("ready/desired, for the printer column, e.g. 1/1.")
  private String ready;

  @JsonPropertyDescription("In-cluster URL of the chat service.")
  private String endpoint;

  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Phase getPhase() {
    return phase;
  }

  public void setPhase(Phase phase) {
    this.phase = phase;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

  public ImageStatus getImage() {
    return image;
  }

  public void setImage(ImageStatus image) {
    this.image = image;
  }

  public String getCurrentRevision() {
    return currentRevision;
  }

  public void setCurrentRevision(String currentRevision) {
    this.currentRevision = currentRevision;
  }

  public String getLastKnownGoodRevision() {
    return lastKnownGoodRevision;
  }

  public void setLastKnownGoodRevision(String lastKnownGoodRevision) {
    this.lastKnownGoodRevision = lastKnownGoodRevision;
  }

  public String getFailedRevision() {
    return failedRevision;
  }

  public void setFailedRevision(String failedRevision) {
    this.failedRevision = failedRevision;
  }

  public List<RevisionRecord> getHistory() {
    return history;
  }

  public void setHistory(List<RevisionRecord> history) {
    this.history = history;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public String getReady() {
    return ready;
  }

  public void setReady(String ready) {
    this.ready = ready;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChatbotDeploymentStatus other
        && Objects.equals(observedGeneration, other.observedGeneration)
        && phase == other.phase
        && Objects.equals(conditions, other.conditions)
        && Objects.equals(image, other.image)
        && Objects.equals(currentRevision, other.currentRevision)
        && Objects.equals(lastKnownGoodRevision, other.lastKnownGoodRevision)
        && Objects.equals(failedRevision, other.failedRevision)
        && Objects.equals(history, other.history)
        && Objects.equals(replicas, other.replicas)
        && Objects.equals(readyReplicas, other.readyReplicas)
        && Objects.equals(ready, other.ready)
        && Objects.equals(endpoint, other.endpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, phase, currentRevision, failedRevision, ready);
  }
}
