package dev.chatbot.operator.validation;

import dev.chatbot.operator.api.v1alpha1.AccessMode;
import dev.chatbot.operator.api.v1alpha1.AppContract;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentSpec;
import dev.chatbot.operator.api.v1alpha1.EnvVarSpec;
import dev.chatbot.operator.api.v1alpha1.ModelProvider;
import dev.chatbot.operator.api.v1alpha1.ModelSpec;
import dev.chatbot.operator.api.v1alpha1.ProbesSpec;
import dev.chatbot.operator.api.v1alpha1.RolloutSpec;
import dev.chatbot.operator.api.v1alpha1.StorageSpec;
import dev.chatbot.operator.api.v1alpha1.VolumeSpec;
import dev.chatbot.operator.desired.ModelEndpoint;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a ChatbotDeployment offline. It repeats the CRD's rules (with the CRD's messages) so that
 * `validate` and `render` refuse what `kubectl apply` would, and adds what a CRD cannot express:
 * quantities that parse and are positive, requests not above limits, valid object names. The
 * reconciler reports the same violations as {@code Ready=False, reason=InvalidSpec}.
 */
public final class SpecValidator {

  static final Pattern BASE_URL = Pattern.compile(ModelEndpoint.GRAMMAR);
  static final Pattern SIZE =
      Pattern.compile(
          "^(0*[1-9][0-9]*(\\.[0-9]+)?|0*\\.[0-9]*[1-9][0-9]*)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$");
  static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  static final Pattern ENV_NAME = Pattern.compile("^[-._a-zA-Z][-._a-zA-Z0-9]*$");

  /** All violations, empty when the CR can be deployed. */
  public List<Violation> validate(ChatbotDeployment cr) {
    List<Violation> out = new ArrayList<>();
    if (cr.getMetadata() == null || cr.getMetadata().getName() == null) {
      out.add(Violation.required("metadata.name", "metadata.name is required"));
    }
    ChatbotDeploymentSpec spec = cr.getSpec();
    if (spec == null) {
      out.add(Violation.required("spec", "spec is required"));
      return out;
    }
    ImageRules.check(spec.getImage(), out);
    replicas(spec, out);
    model(spec.getModel(), out);
    storage(spec.getStorage(), out);
    resources(spec.getResources(), out);
    probes(spec.getProbes(), out);
    env(spec.getEnv(), out);
    service(spec, out);
    networkPolicy(spec, out);
    rollout(spec.getRollout(), out);
    LimitsRules.check(spec.getLimits(), out);
    if (spec.getAuth() != null) {
      if (spec.getAuth().getSecretRef() == null) {
        out.add(Violation.required("spec.auth.secretRef", "auth needs secretRef.name"));
      } else {
        FieldRules.name("spec.auth.secretRef.name", spec.getAuth().getSecretRef().getName(), out);
      }
    }
    return out;
  }

  private static void replicas(ChatbotDeploymentSpec spec, List<Violation> out) {
    int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
    if (replicas < 0 || replicas > 50) {
      out.add(Violation.invalid("spec.replicas", "replicas must be between 0 and 50"));
    }
    if (replicas > 1
        && !(sharedAccess(spec.getStorage(), true) && sharedAccess(spec.getStorage(), false))) {
      out.add(
          new Violation(
              "spec.replicas",
              "FieldValueForbidden",
              "replicas > 1 needs storage.uploads.accessMode and storage.exports.accessMode set to"
                  + " ReadWriteMany: a ReadWriteOnce volume attaches to one node only"));
    }
  }

  private static boolean sharedAccess(StorageSpec storage, boolean uploads) {
    if (storage == null) {
      return false;
    }
    VolumeSpec volume = uploads ? storage.getUploads() : storage.getExports();
    return volume != null && volume.getAccessMode() == AccessMode.ReadWriteMany;
  }

  private static void model(ModelSpec model, List<Violation> out) {
    if (model == null) {
      return;
    }
    ModelProvider provider =
        model.getProvider() == null ? ModelProvider.OFFLINE : model.getProvider();
    if (provider != ModelProvider.OFFLINE && model.getBaseUrl() == null) {
      out.add(
          Violation.required(
              "spec.model.baseUrl", "model.baseUrl is required for provider openai and ollama"));
    }
    if (model.getBaseUrl() != null && ModelEndpoint.parse(model.getBaseUrl()).isEmpty()) {
      out.add(
          Violation.invalid(
              "spec.model.baseUrl",
              "model.baseUrl must be an http:// or https:// URL with a host and an optional port, e.g."
                  + " http://ollama.ai.svc:11434"));
    }
    FieldRules.range("spec.model.timeoutSeconds", model.getTimeoutSeconds(), 1, 600, out);
    FieldRules.maxLength("spec.model.baseUrl", model.getBaseUrl(), 2048, out);
    FieldRules.maxLength("spec.model.name", model.getName(), 253, out);
    FieldRules.maxLength("spec.model.systemPrompt", model.getSystemPrompt(), 16384, out);
    if (model.getApiKeySecretRef() != null) {
      FieldRules.name("spec.model.apiKeySecretRef.name", model.getApiKeySecretRef().getName(), out);
      if (model.getApiKeySecretRef().getKey() == null
          || model.getApiKeySecretRef().getKey().isBlank()) {
        out.add(
            Violation.required("spec.model.apiKeySecretRef.key", "apiKeySecretRef needs a key"));
      }
    }
  }

  private static void storage(StorageSpec storage, List<Violation> out) {
    if (storage == null) {
      return;
    }
    volume("spec.storage.uploads", storage.getUploads(), out);
    volume("spec.storage.exports", storage.getExports(), out);
  }

  private static void volume(String path, VolumeSpec volume, List<Violation> out) {
    if (volume == null) {
      return;
    }
    if (volume.getSize() == null || !SIZE.matcher(volume.getSize()).matches()) {
      out.add(
          Violation.invalid(
              path + ".size", "size must be a positive quantity such as 1Gi or 500Mi"));
    }
    if (volume.getExistingClaim() != null && !volume.getExistingClaim().isEmpty()) {
      FieldRules.name(path + ".existingClaim", volume.getExistingClaim(), out);
    }
    if (volume.getStorageClassName() != null && !volume.getStorageClassName().isEmpty()) {
      FieldRules.name(path + ".storageClassName", volume.getStorageClassName(), out);
    }
  }

  private static void resources(ResourceRequirements resources, List<Violation> out) {
    if (resources == null) {
      return;
    }
    if (resources.getClaims() != null && !resources.getClaims().isEmpty()) {
      out.add(
          new Violation(
              "spec.resources.claims",
              "FieldValueForbidden",
              "resource claims (dynamic resource allocation) are not supported; set requests and"
                  + " limits only"));
    }
    Map<String, Quantity> requests =
        resources.getRequests() == null ? Map.of() : resources.getRequests();
    Map<String, Quantity> limits = resources.getLimits() == null ? Map.of() : resources.getLimits();
    positive("spec.resources.requests", requests, out);
    positive("spec.resources.limits", limits, out);
    requests.forEach(
        (resource, request) -> {
          Optional<BigDecimal> req = QuantityRules.amount(request);
          Optional<BigDecimal> lim = QuantityRules.amount(limits.get(resource));
          if (req.isPresent() && lim.isPresent() && req.get().compareTo(lim.get()) > 0) {
            out.add(
                Violation.invalid(
                    "spec.resources.requests." + resource,
                    "request " + request + " is above the limit " + limits.get(resource)));
          }
        });
  }

  private static void positive(String path, Map<String, Quantity> quantities, List<Violation> out) {
    quantities.forEach(
        (resource, quantity) -> {
          Optional<BigDecimal> amount = QuantityRules.amount(quantity);
          if (amount.isEmpty() || amount.get().signum() <= 0) {
            out.add(
                Violation.invalid(
                    path + "." + resource,
                    "'" + quantity + "' is not a positive quantity (e.g. 500m, 1, 512Mi, 1Gi)"));
          }
        });
  }

  private static void probes(ProbesSpec probes, List<Violation> out) {
    if (probes == null) {
      return;
    }
    FieldRules.range("spec.probes.periodSeconds", probes.getPeriodSeconds(), 1, 300, out);
    FieldRules.range("spec.probes.timeoutSeconds", probes.getTimeoutSeconds(), 1, 60, out);
    FieldRules.range("spec.probes.failureThreshold", probes.getFailureThreshold(), 1, 30, out);
    FieldRules.range(
        "spec.probes.startupGraceSeconds", probes.getStartupGraceSeconds(), 0, 600, out);
    if (probes.getTimeoutSeconds() != null
        && probes.getPeriodSeconds() != null
        && probes.getTimeoutSeconds() > probes.getPeriodSeconds()) {
      out.add(
          Violation.invalid(
              "spec.probes.timeoutSeconds",
              "probes.timeoutSeconds may not exceed probes.periodSeconds"));
    }
  }

  private static void env(List<EnvVarSpec> env, List<Violation> out) {
    if (env == null) {
      return;
    }
    if (env.size() > 64) {
      out.add(Violation.invalid("spec.env", "at most 64 env entries"));
    }
    for (int i = 0; i < env.size(); i++) {
      EnvVarSpec var = env.get(i);
      String path = "spec.env[" + i + "]";
      if (var.getName() == null || !ENV_NAME.matcher(var.getName()).matches()) {
        out.add(
            Violation.invalid(
                path + ".name", "env name '" + var.getName() + "' is not a valid variable name"));
      } else if (AppContract.RESERVED_ENV.contains(var.getName())) {
        out.add(
            new Violation(
                path + ".name",
                "FieldValueForbidden",
                "env may not set the app's contract variables (SERVER_PORT, CHATBOT_UPLOADS_DIR,"
                    + " CHATBOT_EXPORTS_DIR, CHATBOT_MODEL_*, CHATBOT_SYSTEM_PROMPT,"
                    + " CHATBOT_AUTH_USERS_FILE, CHATBOT_LIMIT_*): set them through spec.model,"
                    + " spec.storage, spec.auth and spec.limits"));
      }
      if (var.getValue() != null && var.getValueFrom() != null) {
        out.add(Violation.invalid(path, "env entries take value or valueFrom, not both"));
      }
    }
  }

  private static void service(ChatbotDeploymentSpec spec, List<Violation> out) {
    if (spec.getService() != null) {
      FieldRules.range("spec.service.port", spec.getService().getPort(), 1, 65535, out);
    }
  }

  private static void networkPolicy(ChatbotDeploymentSpec spec, List<Violation> out) {
    if (spec.getNetworkPolicy() == null || spec.getNetworkPolicy().getAllowedNamespaces() == null) {
      return;
    }
    List<String> namespaces = spec.getNetworkPolicy().getAllowedNamespaces();
    FieldRules.maxItems("spec.networkPolicy.allowedNamespaces", namespaces.size(), 32, out);
    for (int i = 0; i < namespaces.size(); i++) {
      String ns = namespaces.get(i);
      if (ns == null || ns.length() > 63 || !DNS_LABEL.matcher(ns).matches()) {
        out.add(
            Violation.invalid(
                "spec.networkPolicy.allowedNamespaces[" + i + "]",
                "'" + ns + "' is not a valid namespace name (lowercase letters, digits, '-')"));
      }
    }
  }

  private static void rollout(RolloutSpec rollout, List<Violation> out) {
    if (rollout == null) {
      return;
    }
    FieldRules.range(
        "spec.rollout.progressDeadlineSeconds",
        rollout.getProgressDeadlineSeconds(),
        30,
        3600,
        out);
    FieldRules.range(
        "spec.rollout.stabilizationSeconds", rollout.getStabilizationSeconds(), 0, 3600, out);
    FieldRules.range(
        "spec.rollout.revisionHistoryLimit", rollout.getRevisionHistoryLimit(), 1, 100, out);
  }
}
