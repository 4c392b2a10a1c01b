package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The two persistent volumes the runbooks always keep: uploads and exports. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StorageSpec {

  @JsonPropertyDescription(
      "Volume for uploaded documents and the app's index (mounted at /data/uploads).")
  private VolumeSpec uploads;

  @JsonPropertyDescription("Volume for conversation exports (mounted at /data/exports).")
  private VolumeSpec exports;

  @Default("Retain")
  @JsonPropertyDescription(
      "Retain (default): the PVCs survive deletion of the ChatbotDeployment. Delete: they are"
          + " deleted with it.")
  private RetentionPolicy retentionPolicy = RetentionPolicy.Retain;

  public VolumeSpec getUploads() {
    return uploads;
  }

  public void setUploads(VolumeSpec uploads) {
    this.uploads = uploads;
  }

  public VolumeSpec getExports() {
    return exports;
  }

  public void setExports(VolumeSpec exports) {
    this.exports = exports;
  }

  public RetentionPolicy getRetentionPolicy() {
    return retentionPolicy;
  }

  public void setRetentionPolicy(RetentionPolicy retentionPolicy) {
    this.retentionPolicy = retentionPolicy;
  }
}
