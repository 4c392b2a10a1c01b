package dev.chatbot.operator.validation;

import dev.chatbot.operator.api.v1alpha1.DigestPolicy;
import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.api.v1alpha1.RefreshInterval;
import dev.chatbot.operator.policy.ImagePin;
import java.util.List;
import java.util.regex.Pattern;

/** spec.image: repository, tag and digest pin, digest policy, refresh, pull Secrets. */
final class ImageRules {

  static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");
  static final Pattern REPOSITORY =
      Pattern.compile(
          "^[a-z0-9]([a-z0-9._-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*$");

  private ImageRules() {}

  static void check(ImageSpec image, List<Violation> out) {
    if (image == null) {
      return; // the operator's bundled app image (config.BundledAppImage)
    }
    String repo = image.getRepository();
    if (repo != null && !REPOSITORY.matcher(repo).matches()) {
      out.add(
          Violation.invalid(
              "spec.image.repository",
              "image.repository must be a repository name without tag or digest, e.g."
                  + " ghcr.io/acme/chatbot-app (put the tag in image.tag, the digest in"
                  + " image.digest)"));
    }
    String digest = image.getDigest();
    if (digest != null && !ImagePin.isDigest(digest)) {
      out.add(
          Violation.invalid(
              "spec.image.digest",
              "image.digest must be 'sha256:' followed by 64 lowercase hex characters"));
    }
    DigestPolicy policy =
        image.getDigestPolicy() == null ? DigestPolicy.Require : image.getDigestPolicy();
    if (digest == null
        && policy == DigestPolicy.Require
        && (repo != null || image.getTag() != null)) {
      out.add(
          Violation.required(
              "spec.image.digest",
              "image.digest is required with digestPolicy Require (the default): pin the image by"
                  + " digest, or set digestPolicy: Resolve and a tag (omit repository, tag and"
                  + " digest to run the operator's bundled app image)"));
    }
    if (policy == DigestPolicy.Resolve && image.getTag() == null && digest == null) {
      out.add(
          Violation.required(
              "spec.image.tag",
              "digestPolicy Resolve needs image.tag to resolve (or an image.digest)"));
    }
    if (image.getTag() != null && !TAG.matcher(image.getTag()).matches()) {
      out.add(
          Violation.invalid(
              "spec.image.tag",
              "image.tag must be a valid tag: letters, digits, '_', '.', '-', at most 128"));
    }
    String refresh = image.getRefreshInterval();
    if (refresh != null && RefreshInterval.parse(refresh).isEmpty()) {
      out.add(Violation.invalid("spec.image.refreshInterval", RefreshInterval.MESSAGE));
    }
    if (refresh != null && policy != DigestPolicy.Resolve) {
      out.add(
          new Violation(
              "spec.image.refreshInterval",
              "FieldValueForbidden",
              "image.refreshInterval needs digestPolicy Resolve (a digest pin never moves)"));
    }
    List<String> secrets = image.getPullSecrets() == null ? List.of() : image.getPullSecrets();
    FieldRules.maxItems("spec.image.pullSecrets", secrets.size(), 16, out);
    for (int i = 0; i < secrets.size(); i++) {
      FieldRules.name("spec.image.pullSecrets[" + i + "]", secrets.get(i), out);
    }
  }
}
