package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** The image pin actually deployed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ImageStatus {

  @JsonPropertyDescription(
      "The sha256 digest of the spec's image: the pods run it, except during a rollback (then"
          + " history names the digest that runs). With digestPolicy Resolve: what the tag resolved"
          + " to, kept through rollbacks and restarts.")
  private String digest;

  @JsonPropertyDescription("The tag the digest was resolved from (digestPolicy Resolve), if any.")
  private String resolvedFrom;

  @JsonPropertyDescription("The repository the tag was resolved in (digestPolicy Resolve).")
  private String repository;

  @JsonPropertyDescription(
      "When the registry last confirmed the digest for the tag (RFC 3339; digestPolicy Resolve).")
  private String resolvedAt;

  @JsonPropertyDescription("The first 12 hex characters of the digest, for the printer column.")
  private String shortDigest;

  public ImageStatus() {}

  public ImageStatus(String digest, String resolvedFrom) {
    this.digest = digest;
    this.resolvedFrom = resolvedFrom;
    this.shortDigest = shorten(digest);
  }

  /** A tag's resolution: digest, the tag and repository it came from, and when. */
  public static ImageStatus resolved(
      String digest, String tag, String repository, java.time.Instant at) {
    ImageStatus s = new ImageStatus(digest, tag);
    s.repository = repository;
    s.resolvedAt = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    return s;
  }

  static String shorten(String digest) {
    if (digest == null) {
      return null;
    }
    String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
    return hex.substring(0, Math.min(12, hex.length()));
  }

  public String getDigest() {
    return digest;
  }

  public void setDigest(String digest) {
    this.digest = digest;
  }

  public String getResolvedFrom() {
    return resolvedFrom;
  }

  public void setResolvedFrom(String resolvedFrom) {
    this.resolvedFrom = resolvedFrom;
  }

  public String getRepository() {
    return repository;
  }

  public void setRepository(String repository) {
    this.repository = repository;
  }

  public String getResolvedAt() {
    return resolvedAt;
  }

  public void setResolvedAt(String resolvedAt) {
    this.resolvedAt = resolvedAt;
  }

  public String getShortDigest() {
    return shortDigest;
  }

  public void setShortDigest(String shortDigest) {
    this.shortDigest = shortDigest;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageStatus other
        && Objects.equals(digest, other.digest)
        && Objects.equals(resolvedFrom, other.resolvedFrom)
        && Objects.equals(repository, other.repository)
        && Objects.equals(resolvedAt, other.resolvedAt)
        && Objects.equals(shortDigest, other.shortDigest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(digest, resolvedFrom, repository, resolvedAt, shortDigest);
  }
}
