package dev.chatbot.operator.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tiny OCI image layouts on disk (one config blob, no layers) for skopeo to push: a single-platform
 * image, or a two-platform index. The label makes each image's digest distinct.
 */
public final class OciLayouts {

  private OciLayouts() {}

  /** An OCI layout with one image manifest under tag "latest". */
  public static Path single(Path dir, String label) throws Exception {
    Path layout = init(dir);
    String manifest = manifest(layout, label, "amd64");
    index(layout, descriptor("application/vnd.oci.image.manifest.v1+json", manifest, null));
    return layout;
  }

  /** An OCI layout whose "latest" is an index of an amd64 and an arm64 image. */
  public static Path multiArch(Path dir, String label) throws Exception {
    Path layout = init(dir);
    String amd = manifest(layout, label, "amd64");
    String arm = manifest(layout, label, "arm64");
    String list =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
            + "\"manifests\":["
            + descriptor("application/vnd.oci.image.manifest.v1+json", amd, "amd64")
            + ","
            + descriptor("application/vnd.oci.image.manifest.v1+json", arm, "arm64")
            + "]}";
    String indexDigest = blob(layout, list.getBytes(StandardCharsets.UTF_8));
    index(
        layout,
        "{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\""
            + indexDigest
            + "\",\"size\":"
            + list.getBytes(StandardCharsets.UTF_8).length
            + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}}");
    return layout;
  }

  private static Path init(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    return dir;
  }

  /** Writes config and manifest blobs; returns "digest size" of the manifest. */
  private static String manifest(Path layout, String label, String arch) throws Exception {
    byte[] config =
        ("{\"architecture\":\""
                + arch
                + "\",\"os\":\"linux\",\"config\":{\"Labels\":{\"v\":\""
                + label
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}")
            .getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(layout, config);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\""
                + configDigest
                + "\",\"size\":"
                + config.length
                + "},\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    return blob(layout, manifest) + " " + manifest.length;
  }

  private static String descriptor(String mediaType, String digestAndSize, String arch) {
    String[] ds = digestAndSize.split(" ");
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\""
        + ds[0]
        + "\",\"size\":"
        + ds[1]
        + (arch == null
            ? ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"latest\"}"
            : ",\"platform\":{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}")
        + "}";
  }

  private static void index(Path layout, String descriptor) throws Exception {
    Files.writeString(
        layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + descriptor + "]}");
  }

  private static String blob(Path layout, byte[] content) throws Exception {
    String digest = LocalRegistry.sha256(content);
    Files.write(layout.resolve("blobs/sha256/" + digest.substring("sha256:".length())), content);
    return digest;
  }
}
