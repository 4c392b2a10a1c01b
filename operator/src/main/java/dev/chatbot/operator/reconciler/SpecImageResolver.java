package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.api.v1alpha1.ImageStatus;
import dev.chatbot.operator.api.v1alpha1.RefreshInterval;
import dev.chatbot.operator.registry.CredentialKeyring;
import dev.chatbot.operator.registry.RegistryException;
import dev.chatbot.operator.registry.TagResolutions;
import dev.chatbot.operator.status.ImageResolvedCondition;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The digest pin of the spec's image: its own digest, or its tag's resolution. The resolution lives
 * in status.image (digest, resolvedFrom, repository, resolvedAt), so neither a restart nor an
 * unrelated spec change re-resolves; a tag is looked up again only when spec.image's repository or
 * tag changes, or when spec.image.refreshInterval has passed since resolvedAt. Lookups run in
 * {@link TagResolutions}; this class only decides and never waits on a registry.
 */
public class SpecImageResolver {

  public static final String RESOLVED = "Resolved";
  public static final String RESOLVING = "Resolving";

  private final TagResolutions resolutions;
  private final Consumer<ResourceID> retrigger;
  private final Clock clock;

  public SpecImageResolver(
      TagResolutions resolutions, Consumer<ResourceID> retrigger, Clock clock) {
    this.resolutions = resolutions;
    this.retrigger = retrigger;
    this.clock = clock;
  }

  public ImageResolution pin(ChatbotDeployment cr, Supplier<CredentialKeyring> credentials) {
    ImageSpec spec = cr.getSpec().getImage();
    if (spec.getDigest() != null) {
      return ImageResolution.pinned(new ImageStatus(spec.getDigest(), null));
    }
    ResourceID id = ResourceID.fromResource(cr);
    String key = cr.getMetadata().getUid() + "/" + spec.getRepository() + ":" + spec.getTag();
    Runnable again = () -> retrigger.accept(id);
    Optional<ImageStatus> current = currentPin(cr, spec);
    Instant since = current.map(SpecImageResolver::resolvedAt).orElse(Instant.MIN);
    Optional<TagResolutions.Outcome> outcome =
        resolutions.latest(key).filter(o -> o.at().truncatedTo(ChronoUnit.SECONDS).isAfter(since));
    Optional<Duration> refresh = RefreshInterval.parse(spec.getRefreshInterval());

    if (outcome.isPresent() && outcome.get().digest().isPresent()) {
      String digest = outcome.get().digest().get();
      ImageStatus adopted =
          ImageStatus.resolved(digest, spec.getTag(), spec.getRepository(), outcome.get().at());
      refresh.ifPresent(r -> resolutions.wakeAt(key, outcome.get().at().plus(r), again));
      Optional<String> moved =
          current.map(ImageStatus::getDigest).filter(previous -> !previous.equals(digest));
      return new ImageResolution(Optional.of(adopted), Optional.of(resolved(spec, digest)), moved);
    }
    if (outcome.isPresent()) {
      // A failed lookup: ask again (TagResolutions waits out the registry's backoff first) and
      // keep whatever pin there is, so the running workload stays as it is.
      RegistryException e = outcome.get().failure().orElseThrow();
      resolutions.request(key, spec, credentials, again);
      return new ImageResolution(
          current,
          Optional.of(
              new ImageResolvedCondition(
                  "False",
                  e.failure().name(),
                  "spec.image.tag: "
                      + e.getMessage()
                      + current.map(p -> "; keeping " + p.getDigest()).orElse(""))),
          Optional.empty());
    }
    if (current.isPresent()) {
      if (refresh.isPresent()) {
        Instant due = since.plus(refresh.get());
        if (!clock.instant().isBefore(due)) {
          resolutions.request(key, spec, credentials, again);
        } else {
          resolutions.wakeAt(key, due, again);
        }
      }
      return new ImageResolution(
          current, Optional.of(resolved(spec, current.get().getDigest())), Optional.empty());
    }
    resolutions.request(key, spec, credentials, again);
    return new ImageResolution(
        Optional.empty(),
        Optional.of(
            new ImageResolvedCondition(
                "Unknown",
                RESOLVING,
                "resolving " + spec.getRepository() + ":" + spec.getTag() + " in the registry")),
        Optional.empty());
  }

  /** status.image when it is the resolution of the spec's repository and tag. */
  private static Optional<ImageStatus> currentPin(ChatbotDeployment cr, ImageSpec spec) {
    if (cr.getStatus() == null || cr.getStatus().getImage() == null) {
      return Optional.empty();
    }
    ImageStatus s = cr.getStatus().getImage();
    boolean same =
        s.getDigest() != null
            && Objects.equals(s.getResolvedFrom(), spec.getTag())
            // Written before status.image.repository existed: the tag alone decides.
            && (s.getRepository() == null || s.getRepository().equals(spec.getRepository()));
    return same ? Optional.of(s) : Optional.empty();
  }

  private static Instant resolvedAt(ImageStatus s) {
    try {
      return s.getResolvedAt() == null ? Instant.EPOCH : Instant.parse(s.getResolvedAt());
    } catch (java.time.format.DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private static ImageResolvedCondition resolved(ImageSpec spec, String digest) {
    return new ImageResolvedCondition(
        "True", RESOLVED, spec.getRepository() + ":" + spec.getTag() + " resolved to " + digest);
  }
}
