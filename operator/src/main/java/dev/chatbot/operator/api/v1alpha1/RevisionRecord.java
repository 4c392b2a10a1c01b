package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One entry of status.history: a revision that was deployed and what became of it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RevisionRecord {

  @JsonPropertyDescription("Hash of the rendered pod template.")
  private String revision;

  @JsonPropertyDescription("Image digest of that revision.")
  private String digest;

  @JsonPropertyDescription("When the operator first deployed it (RFC 3339).")
  private String deployedAt;

  @JsonPropertyDescription(
      "Progressing, Succeeded, Failed, Superseded or RolledBackTo (deployed again by a rollback).")
  private RolloutOutcome outcome;

  public RevisionRecord() {}

  public RevisionRecord(String revision, String digest, String deployedAt, RolloutOutcome outcome) {
    this.revision = revision;
    this.digest = digest;
    this.deployedAt = deployedAt;
    this.outcome = outcome;
  }

  public String getRevision() {
    return revision;
  }

  public void setRevision(String revision) {
    this.revision = revision;
  }

  public String getDigest() {
    return digest;
  }

  public void setDigest(String digest) {
    this.digest = digest;
  }

  public String getDeployedAt() {
    return deployedAt;
  }

  public void setDeployedAt(String deployedAt) {
    this.deployedAt = deployedAt;
  }

  public RolloutOutcome getOutcome() {
    return outcome;
  }

  public void setOutcome(RolloutOutcome outcome) {
    this.outcome = outcome;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RevisionRecord other
        && Objects.equals(revision, other.revision)
        && Objects.equals(digest, other.digest)
        && Objects.equals(deployedAt, other.deployedAt)
        && outcome == other.outcome;
  }

  @Override
  public int hashCode() {
    return Objects.hash(revision, digest, deployedAt, outcome);
  }
}
