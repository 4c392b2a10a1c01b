package dev.chatbot.operator.inputs;

import dev.chatbot.operator.api.v1alpha1.AppContract;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentSpec;
import dev.chatbot.operator.api.v1alpha1.EnvVarSpec;
import dev.chatbot.operator.desired.Hashing;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The Secret and ConfigMap keys a CR's pods read. Their content is hashed into the pod template, so
 * rotating an API key rolls the pods; a missing one stops the rollout with a clear condition
 * instead of pods stuck in CreateContainerConfigError.
 */
public final class ReferencedInputs {

  /** One referenced key; key null means the whole object. */
  public record Ref(String kind, String name, String key, String field) {
    String describe() {
      return kind
          + " "
          + name
          + (key == null ? "" : " (key " + key + ")")
          + " referenced by "
          + field;
    }
  }

  /** The hash of all referenced values, or what is missing. */
  public record Resolution(String hash, List<String> missing) {}

  private ReferencedInputs() {}

  public static List<Ref> of(ChatbotDeploymentSpec spec) {
    List<Ref> refs = new ArrayList<>();
    if (spec.getModel() != null && spec.getModel().getApiKeySecretRef() != null) {
      var ref = spec.getModel().getApiKeySecretRef();
      refs.add(new Ref("Secret", ref.getName(), ref.getKey(), "spec.model.apiKeySecretRef"));
    }
    if (spec.getAuth() != null && spec.getAuth().getSecretRef() != null) {
      refs.add(
          new Ref(
              "Secret",
              spec.getAuth().getSecretRef().getName(),
              AppContract.AUTH_USERS_KEY,
              "spec.auth.secretRef"));
    }
    List<EnvVarSpec> env = spec.getEnv() == null ? List.of() : spec.getEnv();
    for (int i = 0; i < env.size(); i++) {
      var from = env.get(i).getValueFrom();
      if (from == null) {
        continue;
      }
      String field = "spec.env[" + i + "].valueFrom";
      if (from.getSecretKeyRef() != null
          && !Boolean.TRUE.equals(from.getSecretKeyRef().getOptional())) {
        refs.add(
            new Ref(
                "Secret",
                from.getSecretKeyRef().getName(),
                from.getSecretKeyRef().getKey(),
                field));
      }
      if (from.getConfigMapKeyRef() != null
          && !Boolean.TRUE.equals(from.getConfigMapKeyRef().getOptional())) {
        refs.add(
            new Ref(
                "ConfigMap",
                from.getConfigMapKeyRef().getName(),
                from.getConfigMapKeyRef().getKey(),
                field));
      }
    }
    return refs;
  }

  /** Names of the objects of this kind ("Secret", "ConfigMap") a CR references. */
  public static List<String> names(ChatbotDeployment cr, String kind) {
    return of(cr.getSpec()).stream()
        .filter(r -> r.kind().equals(kind))
        .map(Ref::name)
        .distinct()
        .toList();
  }

  public static Resolution resolve(
      ChatbotDeploymentSpec spec,
      Function<String, Optional<Secret>> secrets,
      Function<String, Optional<ConfigMap>> configMaps) {
    Map<String, String> values = new TreeMap<>();
    TreeSet<String> missing = new TreeSet<>();
    for (Ref ref : of(spec)) {
      Optional<String> value =
          ref.kind().equals("Secret")
              ? secrets.apply(ref.name()).flatMap(s -> secretValue(s, ref.key()))
              : configMaps
                  .apply(ref.name())
                  .flatMap(c -> Optional.ofNullable(c.getData()).map(d -> d.get(ref.key())));
      if (value.isEmpty()) {
        missing.add(ref.describe());
      } else {
        values.put(ref.kind() + "/" + ref.name() + "/" + ref.key(), value.get());
      }
    }
    String hash = values.isEmpty() ? "" : Hashing.of(values).substring(0, 16);
    return new Resolution(hash, List.copyOf(missing));
  }

  private static Optional<String> secretValue(Secret secret, String key) {
    if (secret.getData() != null && secret.getData().containsKey(key)) {
      return Optional.of(secret.getData().get(key));
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return Optional.of(secret.getStringData().get(key));
    }
    return Optional.empty();
  }
}
