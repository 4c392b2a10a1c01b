package dev.chatbot.operator.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The manifest media types a tag may resolve to, and the digest rule: a manifest's digest is the
 * sha256 of its exact bytes. A multi-arch image answers with its index (OCI index or Docker
 * manifest list), and the index digest is the pin: the node's runtime picks its platform from it.
 */
public final class ManifestMediaTypes {

  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** Indexes first: asked for all, a registry answers with the index of a multi-arch tag. */
  public static final List<String> ACCEPTED =
      List.of(OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

  public static final String ACCEPT_HEADER = String.join(", ", ACCEPTED);

  private ManifestMediaTypes() {}

  /** Whether a Content-Type is one of the accepted manifest types (parameters ignored). */
  public static boolean accepted(String contentType) {
    return ACCEPTED.contains(bare(contentType));
  }

  /** Whether the type is a multi-platform index. */
  public static boolean isIndex(String contentType) {
    String t = bare(contentType);
    return t.equals(OCI_INDEX) || t.equals(DOCKER_LIST);
  }

  private static String bare(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /** The digest of a manifest: "sha256:" and the hex sha256 of its bytes. */
  public static String digestOf(byte[] manifest) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(manifest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
