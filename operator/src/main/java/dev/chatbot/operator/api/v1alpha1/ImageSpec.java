package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Which image runs, and how its digest pin is obtained. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.digest) || self.digest.matches('" + ImageSpec.DIGEST_REGEX + "')",
    message = "image.digest must be 'sha256:' followed by 64 lowercase hex characters",
    fieldPath = ".digest",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "has(self.digest) || self.digestPolicy == 'Resolve' || (!has(self.repository) &&"
            + " !has(self.tag))",
    message =
        "image.digest is required with digestPolicy Require (the default): pin the image by digest,"
            + " or set digestPolicy: Resolve and a tag (omit repository, tag and digest to run the"
            + " operator's bundled app image)",
    fieldPath = ".digest",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "self.digestPolicy != 'Resolve' || has(self.tag) || has(self.digest)",
    message = "digestPolicy Resolve needs image.tag to resolve (or an image.digest)",
    fieldPath = ".tag",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "!has(self.tag) || self.tag.matches('^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$')",
    message = "image.tag must be a valid tag: letters, digits, '_', '.', '-', at most 128",
    fieldPath = ".tag",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!has(self.repository) || self.repository.matches('^[a-z0-9]([a-z0-9._-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*$')",
    message =
        "image.repository must be a repository name without tag or digest,"
            + " e.g. ghcr.io/acme/chatbot-app (put the tag in image.tag, the digest in image.digest)",
    fieldPath = ".repository",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!has(self.refreshInterval) || (self.refreshInterval.matches('"
            + RefreshInterval.REGEX
            + "') && self.refreshInterval != '' && duration(self.refreshInterval) >="
            + " duration('1m'))",
    message = RefreshInterval.MESSAGE,
    fieldPath = ".refreshInterval",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = "!has(self.refreshInterval) || self.digestPolicy == 'Resolve'",
    message = "image.refreshInterval needs digestPolicy Resolve (a digest pin never moves)",
    fieldPath = ".refreshInterval",
    reason = "FieldValueForbidden")
public class ImageSpec {

  /** The one digest format: the CRD rule, the validator, the pin and the registry client use it. */
  public static final String DIGEST_REGEX = "^sha256:[a-f0-9]{64}$";

  /**
   * Where the release's app image is published; the operator jar records the repository and digest
   * its build made (config.BundledAppImage), this is the fallback name.
   */
  public static final String DEFAULT_REPOSITORY = "ghcr.io/chatbot-operator/chatbot-app";

  @Size(min = 1, max = 255)
  @JsonPropertyDescription(
      "Image repository without tag or digest. Omitted (with digest and tag): the operator runs the"
          + " chatbot-app image of its own release, pinned by digest.")
  private String repository;

  @Size(max = 71)
  @JsonPropertyDescription(
      "The pin: sha256 digest of the image, 'sha256:' + 64 lowercase hex. Required with"
          + " digestPolicy Require.")
  private String digest;

  @Size(max = 128)
  @JsonPropertyDescription(
      "Optional tag. With digestPolicy Resolve it is resolved to a digest through the registry and"
          + " the digest recorded in status; a tag alone never reaches a pod.")
  private String tag;

  @Default("Require")
  @JsonPropertyDescription(
      "Require (default): a digest must be given. Resolve: the tag is resolved to a digest via the"
          + " registry.")
  private DigestPolicy digestPolicy = DigestPolicy.Require;

  @Size(max = 20)
  @JsonPropertyDescription(
      "With digestPolicy Resolve: re-resolve the tag on this cadence (e.g. 1h, 30m; at least 1m);"
          + " a moved tag rolls out like a spec change. Omitted: the tag is resolved once and again"
          + " only when spec.image changes.")
  private String refreshInterval;

  @Size(max = 16)
  @JsonPropertyDescription(
      "Names of image pull Secrets in the CR's namespace: used by the pods, and by the operator to"
          + " resolve the tag (kubernetes.io/dockerconfigjson or kubernetes.io/dockercfg).")
  private List<String> pullSecrets = new ArrayList<>();

  public String getRepository() {
    return repository;
  }

  public void setRepository(String repository) {
    this.repository = repository;
  }

  public String getDigest() {
    return digest;
  }

  public void setDigest(String digest) {
    this.digest = digest;
  }

  public String getTag() {
    return tag;
  }

  public void setTag(String tag) {
    this.tag = tag;
  }

  public DigestPolicy getDigestPolicy() {
    return digestPolicy;
  }

  public void setDigestPolicy(DigestPolicy digestPolicy) {
    this.digestPolicy = digestPolicy;
  }

  public String getRefreshInterval() {
    return refreshInterval;
  }

  public void setRefreshInterval(String refreshInterval) {
    this.refreshInterval = refreshInterval;
  }

  public List<String> getPullSecrets() {
    return pullSecrets;
  }

  public void setPullSecrets(List<String> pullSecrets) {
    this.pullSecrets = pullSecrets;
  }
}
