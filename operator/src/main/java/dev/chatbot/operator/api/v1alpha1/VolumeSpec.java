package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** One persistent volume of the app. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "self.size.matches('^(0*[1-9][0-9]*(\\\\.[0-9]+)?|0*\\\\.[0-9]*[1-9][0-9]*)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$')",
    message = "size must be a positive quantity such as 1Gi or 500Mi",
    fieldPath = ".size",
    reason = "FieldValueInvalid")
public class VolumeSpec {

  public static final String DEFAULT_SIZE = "1Gi";

  @Default(DEFAULT_SIZE)
  @Size(min = 1, max = 32)
  @JsonPropertyDescription("Requested size, a positive quantity (default 1Gi).")
  private String size = DEFAULT_SIZE;

  @Size(max = 253)
  @JsonPropertyDescription("StorageClass of the PVC; empty uses the cluster default.")
  private String storageClassName;

  @Default("ReadWriteOnce")
  @JsonPropertyDescription(
      "ReadWriteOnce (default) or ReadWriteOncePod imply the Recreate strategy; ReadWriteMany is"
          + " needed for replicas > 1.")
  private AccessMode accessMode = AccessMode.ReadWriteOnce;

  @Size(max = 253)
  @JsonPropertyDescription(
      "Name of an existing PVC to mount instead of creating one; the operator never modifies or"
          + " deletes it.")
  private String existingClaim;

  public String getSize() {
    return size;
  }

  public void setSize(String size) {
    this.size = size;
  }

  public String getStorageClassName() {
    return storageClassName;
  }

  public void setStorageClassName(String storageClassName) {
    this.storageClassName = storageClassName;
  }

  public AccessMode getAccessMode() {
    return accessMode;
  }

  public void setAccessMode(AccessMode accessMode) {
    this.accessMode = accessMode;
  }

  public String getExistingClaim() {
    return existingClaim;
  }

  public void setExistingClaim(String existingClaim) {
    this.existingClaim = existingClaim;
  }
}
