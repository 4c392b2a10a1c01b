package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.AppContract;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentSpec;
import dev.chatbot.operator.api.v1alpha1.EnvVarSpec;
import dev.chatbot.operator.api.v1alpha1.ModelSpec;
import dev.chatbot.operator.naming.Labels;
import dev.chatbot.operator.naming.ResourceNames;
import dev.chatbot.operator.policy.ImagePin;
import dev.chatbot.operator.policy.ProbePolicy;
import dev.chatbot.operator.policy.ResourceDefaults;
import dev.chatbot.operator.policy.RestrictedPodSecurity;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chat pod: hardened, digest-pinned, probed, with its volumes. Pure: no I/O. */
public final class PodTemplateBuilder {

  public static final String CONTAINER = "chatbot";
  static final String UPLOADS = "uploads";
  static final String EXPORTS = "exports";
  static final String TMP = "tmp";
  static final String AUTH = "auth";

  private PodTemplateBuilder() {}

  /** The template with its revision annotation; the revision is the hash of everything else. */
  public static RevisionSnapshot build(ChatbotDeployment cr, RenderFacts facts) {
    Map<String, String> settings = AppSettings.of(cr.getSpec());
    PodTemplateSpec template = unrevisioned(cr, facts, settings);
    String revision = Hashing.shortOf(List.of(template, settings));
    template.getMetadata().getAnnotations().put(Labels.REVISION, revision);
    return new RevisionSnapshot(revision, facts.image().getDigest(), template, settings);
  }

  private static PodTemplateSpec unrevisioned(
      ChatbotDeployment cr, RenderFacts facts, Map<String, String> settings) {
    ChatbotDeploymentSpec spec = cr.getSpec();
    ResourceNames names = ResourceNames.of(cr);
    ProbePolicy probes = new ProbePolicy(spec.getProbes());
    Map<String, String> annotations = new LinkedHashMap<>();
    if (facts.inputsHash() != null && !facts.inputsHash().isEmpty()) {
      annotations.put(Labels.INPUTS_HASH, facts.inputsHash());
    }
    // Part of the revision hash: changing chatbot.dev/retry makes a new revision, so a revision
    // that failed is tried again (and it doubles as a restart).
    String retry =
        cr.getMetadata().getAnnotations() == null
            ? null
            : cr.getMetadata().getAnnotations().get(Labels.RETRY);
    if (retry != null && !retry.isEmpty()) {
      annotations.put(Labels.RETRY, retry);
    }
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(Labels.common(cr))
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(names.serviceAccount())
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withSecurityContext(RestrictedPodSecurity.pod())
        .withImagePullSecrets(
            spec.getImage().getPullSecrets().stream().map(LocalObjectReference::new).toList())
        .withTerminationGracePeriodSeconds(30L)
        .addToContainers(
            new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(ImagePin.reference(spec.getImage(), facts.image().getDigest()))
                .withImagePullPolicy("IfNotPresent")
                .addNewPort()
                .withName("http")
                .withContainerPort(AppContract.HTTP_PORT)
                .withProtocol("TCP")
                .endPort()
                .addNewEnvFrom()
                .withNewConfigMapRef()
                .withName(names.configMap())
                .endConfigMapRef()
                .endEnvFrom()
                .withEnv(env(spec))
                .withResources(ResourceDefaults.apply(spec.getResources()))
                .withStartupProbe(probes.startup())
                .withLivenessProbe(probes.liveness())
                .withReadinessProbe(probes.readiness())
                .withSecurityContext(RestrictedPodSecurity.container())
                .withVolumeMounts(mounts(spec))
                .build())
        .withVolumes(volumes(cr))
        .endSpec()
        .build();
  }

  private static List<EnvVar> env(ChatbotDeploymentSpec spec) {
    List<EnvVar> env = new ArrayList<>();
    ModelSpec model = spec.getModel();
    if (model != null && model.getApiKeySecretRef() != null) {
      env.add(
          new EnvVarBuilder()
              .withName(AppContract.MODEL_API_KEY)
              .withNewValueFrom()
              .withNewSecretKeyRef()
              .withName(model.getApiKeySecretRef().getName())
              .withKey(model.getApiKeySecretRef().getKey())
              .withOptional(false)
              .endSecretKeyRef()
              .endValueFrom()
              .build());
    }
    for (EnvVarSpec extra : spec.getEnv()) {
      env.add(
          new EnvVarBuilder()
              .withName(extra.getName())
              .withValue(extra.getValue())
              .withValueFrom(extra.getValueFrom())
              .build());
    }
    return env;
  }

  private static List<VolumeMount> mounts(ChatbotDeploymentSpec spec) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount(UPLOADS, AppContract.UPLOADS_PATH, false));
    mounts.add(mount(EXPORTS, AppContract.EXPORTS_PATH, false));
    // readOnlyRootFilesystem: the JVM and Spring Boot still need a writable /tmp.
    mounts.add(mount(TMP, "/tmp", false));
    if (spec.getAuth() != null && spec.getAuth().getSecretRef() != null) {
      mounts.add(mount(AUTH, AppContract.AUTH_MOUNT_PATH, true));
    }
    return mounts;
  }

  private static VolumeMount mount(String name, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(name)
        .withMountPath(path)
        .withReadOnly(readOnly)
        .build();
  }

  private static List<Volume> volumes(ChatbotDeployment cr) {
    ResourceNames names = ResourceNames.of(cr);
    ChatbotDeploymentSpec spec = cr.getSpec();
    List<Volume> volumes = new ArrayList<>();
    volumes.add(claim(UPLOADS, StorageLayout.uploads(spec).claimName(names.uploadsClaim())));
    volumes.add(claim(EXPORTS, StorageLayout.exports(spec).claimName(names.exportsClaim())));
    volumes.add(
        new VolumeBuilder()
            .withName(TMP)
            .withNewEmptyDir()
            .withSizeLimit(new Quantity("256Mi"))
            .endEmptyDir()
            .build());
    if (spec.getAuth() != null && spec.getAuth().getSecretRef() != null) {
      volumes.add(
          new VolumeBuilder()
              .withName(AUTH)
              // The whole Secret, no items: a listed key that is missing fails the mount, and
              // api-keys is optional (users is required, checked by ReferencedInputs).
              .withNewSecret()
              .withSecretName(spec.getAuth().getSecretRef().getName())
              .withDefaultMode(0440)
              .endSecret()
              .build());
    }
    return volumes;
  }

  private static Volume claim(String name, String claimName) {
    return new VolumeBuilder()
        .withName(name)
        .withNewPersistentVolumeClaim()
        .withClaimName(claimName)
        .endPersistentVolumeClaim()
        .build();
  }
}
