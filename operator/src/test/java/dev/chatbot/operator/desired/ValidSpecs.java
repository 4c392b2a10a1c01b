package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.AccessMode;
import dev.chatbot.operator.api.v1alpha1.AppContract;
import dev.chatbot.operator.api.v1alpha1.AuthSpec;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentSpec;
import dev.chatbot.operator.api.v1alpha1.DigestPolicy;
import dev.chatbot.operator.api.v1alpha1.EnvVarSpec;
import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.api.v1alpha1.ImageStatus;
import dev.chatbot.operator.api.v1alpha1.LocalObjectRef;
import dev.chatbot.operator.api.v1alpha1.ModelProvider;
import dev.chatbot.operator.api.v1alpha1.ModelSpec;
import dev.chatbot.operator.api.v1alpha1.MonitoringSpec;
import dev.chatbot.operator.api.v1alpha1.NetworkPolicySpec;
import dev.chatbot.operator.api.v1alpha1.ProbesSpec;
import dev.chatbot.operator.api.v1alpha1.RolloutSpec;
import dev.chatbot.operator.api.v1alpha1.SecretKeyRef;
import dev.chatbot.operator.api.v1alpha1.ServiceSpec;
import dev.chatbot.operator.api.v1alpha1.ServiceType;
import dev.chatbot.operator.api.v1alpha1.StorageSpec;
import dev.chatbot.operator.api.v1alpha1.VolumeSpec;
import dev.chatbot.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of ChatbotDeployments that the CRD and {@code SpecValidator} accept, with the
 * facts a reconciler could have gathered for them.
 */
final class ValidSpecs {

  /** One generated input of the renderer. */
  record Input(ChatbotDeployment cr, RenderFacts facts) {
    @Override
    public String toString() {
      return new io.fabric8.kubernetes.client.utils.KubernetesSerialization().asYaml(cr)
          + "facts: "
          + facts;
    }
  }

  private ValidSpecs() {}

  static Arbitrary<Input> inputs() {
    return Combinators.combine(
            crs(),
            hex(64).injectNull(0.3),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(
            (cr, inputsHash, monitorCrd, ruleCrd) ->
                new Input(
                    cr,
                    new RenderFacts(
                        new ImageStatus(cr.getSpec().getImage().getDigest(), null),
                        inputsHash == null ? "" : inputsHash,
                        Optional.empty(),
                        monitorCrd,
                        ruleCrd)));
  }

  static Arbitrary<ChatbotDeployment> crs() {
    Arbitrary<ChatbotDeploymentSpec> specs =
        Combinators.combine(
                images(),
                replicasAndStorage(),
                models().injectNull(0.2),
                resources().injectNull(0.3),
                probes().injectNull(0.3),
                env(),
                services().injectNull(0.5),
                Combinators.combine(
                        networkPolicies().injectNull(0.5),
                        monitoring().injectNull(0.5),
                        dnsName().map(LocalObjectRef::new).injectNull(0.5),
                        rollouts().injectNull(0.5))
                    .as(Extras::new))
            .as(
                (image, replicasAndStorage, model, resources, probes, env, service, extras) -> {
                  ChatbotDeploymentSpec spec = new ChatbotDeploymentSpec();
                  spec.setImage(image);
                  spec.setReplicas(replicasAndStorage.replicas());
                  spec.setStorage(replicasAndStorage.storage());
                  spec.setModel(model);
                  spec.setResources(resources);
                  spec.setProbes(probes);
                  spec.setEnv(env);
                  spec.setService(service);
                  spec.setNetworkPolicy(extras.networkPolicy());
                  spec.setMonitoring(extras.monitoring());
                  if (extras.authSecret() != null) {
                    AuthSpec auth = new AuthSpec();
                    auth.setSecretRef(extras.authSecret());
                    spec.setAuth(auth);
                  }
                  spec.setRollout(extras.rollout());
                  return spec;
                });
    return Combinators.combine(
            dnsLabel(),
            dnsLabel(),
            specs,
            Arbitraries.strings().alpha().ofMaxLength(8).injectNull(0.7))
        .as(
            (name, namespace, spec, retry) -> {
              ChatbotDeployment cr = new ChatbotDeployment();
              ObjectMetaBuilder meta =
                  new ObjectMetaBuilder().withName(name).withNamespace(namespace);
              if (retry != null) {
                meta.addToAnnotations(Labels.RETRY, retry);
              }
              cr.setMetadata(meta.build());
              cr.setSpec(spec);
              return cr;
            });
  }

  static Arbitrary<ImageSpec> images() {
    Arbitrary<String> repositories =
        Arbitraries.of(
            ImageSpec.DEFAULT_REPOSITORY,
            "ghcr.io/acme/chatbot-app",
            "registry.example.com:5000/team/chat",
            "localhost/chat_bot",
            "docker.io/library/chatbot");
    Arbitrary<String> tags =
        Combinators.combine(
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .withCharRange('0', '9')
                    .withChars('_')
                    .ofLength(1),
                Arbitraries.strings().alpha().numeric().withChars("_.-").ofMaxLength(30))
            .as(String::concat);
    return Combinators.combine(
            repositories,
            hex(64).map(h -> "sha256:" + h),
            tags.injectNull(0.4),
            Arbitraries.of(DigestPolicy.class),
            dnsName().list().ofMaxSize(3))
        .as(
            (repository, digest, tag, policy, pullSecrets) -> {
              ImageSpec image = new ImageSpec();
              image.setRepository(repository);
              image.setDigest(digest);
              image.setTag(tag);
              image.setDigestPolicy(policy);
              image.setPullSecrets(pullSecrets);
              return image;
            });
  }

  record Extras(
      NetworkPolicySpec networkPolicy,
      MonitoringSpec monitoring,
      LocalObjectRef authSecret,
      RolloutSpec rollout) {}

  record ReplicasAndStorage(int replicas, StorageSpec storage) {}

  static Arbitrary<ReplicasAndStorage> replicasAndStorage() {
    return Arbitraries.integers()
        .between(0, 50)
        .flatMap(
            replicas -> {
              boolean shared = replicas > 1;
              Arbitrary<StorageSpec> storage =
                  Combinators.combine(volumes(shared), volumes(shared)).as(ValidSpecs::storage);
              return (shared ? storage : storage.injectNull(0.3))
                  .map(s -> new ReplicasAndStorage(replicas, s));
            });
  }

  private static StorageSpec storage(VolumeSpec uploads, VolumeSpec exports) {
    StorageSpec storage = new StorageSpec();
    storage.setUploads(uploads);
    storage.setExports(exports);
    return storage;
  }

  static Arbitrary<VolumeSpec> volumes(boolean shared) {
    Arbitrary<AccessMode> modes =
        shared ? Arbitraries.just(AccessMode.ReadWriteMany) : Arbitraries.of(AccessMode.class);
    Arbitrary<String> sizes =
        Combinators.combine(
                Arbitraries.integers().between(1, 4096), Arbitraries.of("Mi", "Gi", "Ti", "G", ""))
            .as((n, unit) -> n + unit);
    Arbitrary<VolumeSpec> volumes =
        Combinators.combine(modes, sizes, dnsName().injectNull(0.5), dnsName().injectNull(0.7))
            .as(
                (mode, size, storageClass, existingClaim) -> {
                  VolumeSpec volume = new VolumeSpec();
                  volume.setAccessMode(mode);
                  volume.setSize(size);
                  volume.setStorageClassName(storageClass);
                  volume.setExistingClaim(existingClaim);
                  return volume;
                });
    return shared ? volumes : volumes.injectNull(0.3);
  }

  static Arbitrary<ModelSpec> models() {
    Arbitrary<String> inCluster =
        Combinators.combine(
                dnsLabel(),
                dnsLabel(),
                Arbitraries.integers().between(1, 65535),
                Arbitraries.of("", ".cluster.local"))
            .as(
                (svc, ns, port, suffix) ->
                    "http://" + svc + "." + ns + ".svc" + suffix + ":" + port);
    Arbitrary<String> external =
        Combinators.combine(
                Arbitraries.of("http", "https"),
                dnsName(),
                Arbitraries.integers().between(1, 65535).injectNull(0.5),
                Arbitraries.of(
                    "", "/", "/v1", "/api/v1", "/openai/deployments/chat?api-version=2024-02-01"))
            .as(
                (scheme, host, port, path) ->
                    scheme + "://" + host + (port == null ? "" : ":" + port) + path);
    Arbitrary<String> baseUrls = Arbitraries.oneOf(inCluster, external);
    return Combinators.combine(
            Arbitraries.of(ModelProvider.class),
            baseUrls,
            Arbitraries.of(true, false),
            Arbitraries.strings().ofMinLength(1).ofMaxLength(40).injectNull(0.3),
            Arbitraries.strings().ofMaxLength(200).injectNull(0.5),
            Combinators.combine(
                    dnsName(),
                    Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .withChars("-._")
                        .ofMinLength(1)
                        .ofMaxLength(20))
                .as(SecretKeyRef::new)
                .injectNull(0.5),
            Arbitraries.integers().between(1, 600))
        .as(
            (provider, baseUrl, offlineWithUrl, name, prompt, apiKey, timeout) -> {
              ModelSpec model = new ModelSpec();
              model.setProvider(provider);
              model.setBaseUrl(
                  provider == ModelProvider.OFFLINE && !offlineWithUrl ? null : baseUrl);
              model.setName(name);
              model.setSystemPrompt(prompt);
              model.setApiKeySecretRef(apiKey);
              model.setTimeoutSeconds(timeout);
              return model;
            });
  }

  /** Each of cpu and memory: absent, request only, limit only, or both with request <= limit. */
  static Arbitrary<ResourceRequirements> resources() {
    return Combinators.combine(
            quantityPair(Arbitraries.integers().between(1, 16000), ValidSpecs::cpu),
            quantityPair(Arbitraries.integers().between(1, 65536), ValidSpecs::memory))
        .as(
            (cpu, memory) -> {
              ResourceRequirements resources = new ResourceRequirements();
              Map<String, Quantity> requests = new LinkedHashMap<>();
              Map<String, Quantity> limits = new LinkedHashMap<>();
              cpu.put("cpu", requests, limits);
              memory.put("memory", requests, limits);
              resources.setRequests(requests);
              resources.setLimits(limits);
              return resources;
            });
  }

  record QuantityPair(String request, String limit) {
    void put(String resource, Map<String, Quantity> requests, Map<String, Quantity> limits) {
      if (request != null) {
        requests.put(resource, new Quantity(request));
      }
      if (limit != null) {
        limits.put(resource, new Quantity(limit));
      }
    }
  }

  private static Arbitrary<QuantityPair> quantityPair(
      Arbitrary<Integer> amounts, java.util.function.IntFunction<String> format) {
    return Combinators.combine(amounts, amounts, Arbitraries.integers().between(0, 3))
        .as(
            (a, b, shape) -> {
              String low = format.apply(Math.min(a, b));
              String high = format.apply(Math.max(a, b));
              return switch (shape) {
                case 0 -> new QuantityPair(null, null);
                case 1 -> new QuantityPair(low, null);
                case 2 -> new QuantityPair(null, high);
                default -> new QuantityPair(low, high);
              };
            });
  }

  private static String cpu(int millis) {
    return millis % 1000 == 0 ? String.valueOf(millis / 1000) : millis + "m";
  }

  private static String memory(int mebibytes) {
    return mebibytes % 1024 == 0 ? (mebibytes / 1024) + "Gi" : mebibytes + "Mi";
  }

  static Arbitrary<ProbesSpec> probes() {
    return Arbitraries.integers()
        .between(1, 300)
        .flatMap(
            period ->
                Combinators.combine(
                        Arbitraries.integers().between(1, Math.min(60, period)),
                        Arbitraries.integers().between(1, 30),
                        Arbitraries.integers().between(0, 600))
                    .as(
                        (timeout, threshold, grace) -> {
                          ProbesSpec probes = new ProbesSpec();
                          probes.setPeriodSeconds(period);
                          probes.setTimeoutSeconds(timeout);
                          probes.setFailureThreshold(threshold);
                          probes.setStartupGraceSeconds(grace);
                          return probes;
                        }));
  }

  static Arbitrary<List<EnvVarSpec>> env() {
    Arbitrary<String> names =
        Combinators.combine(
                Arbitraries.strings().withCharRange('A', 'Z').withChars('_').ofLength(1),
                Arbitraries.strings()
                    .withCharRange('A', 'Z')
                    .numeric()
                    .withChars('_')
                    .ofMaxLength(15))
            .as(String::concat)
            .filter(n -> !AppContract.RESERVED_ENV.contains(n));
    Arbitrary<EnvVarSpec> vars =
        Combinators.combine(
                names,
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.of(true, false),
                dnsName())
            .as(
                (name, value, literal, secret) -> {
                  if (literal) {
                    return new EnvVarSpec(name, value);
                  }
                  EnvVarSpec var = new EnvVarSpec();
                  var.setName(name);
                  var.setValueFrom(
                      new EnvVarSourceBuilder()
                          .withNewSecretKeyRef()
                          .withName(secret)
                          .withKey("value")
                          .endSecretKeyRef()
                          .build());
                  return var;
                });
    return vars.list().ofMaxSize(6).uniqueElements(EnvVarSpec::getName);
  }

  static Arbitrary<ServiceSpec> services() {
    return Combinators.combine(
            Arbitraries.of(ServiceType.class), Arbitraries.integers().between(1, 65535))
        .as(
            (type, port) -> {
              ServiceSpec service = new ServiceSpec();
              service.setType(type);
              service.setPort(port);
              return service;
            });
  }

  static Arbitrary<NetworkPolicySpec> networkPolicies() {
    return Combinators.combine(Arbitraries.of(true, false), dnsLabel().list().ofMaxSize(4))
        .as(
            (enabled, namespaces) -> {
              NetworkPolicySpec spec = new NetworkPolicySpec();
              spec.setEnabled(enabled);
              spec.setAllowedNamespaces(namespaces);
              return spec;
            });
  }

  static Arbitrary<MonitoringSpec> monitoring() {
    return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false))
        .as(
            (monitor, rule) -> {
              MonitoringSpec spec = new MonitoringSpec();
              spec.setServiceMonitor(monitor);
              spec.setPrometheusRule(rule);
              return spec;
            });
  }

  static Arbitrary<RolloutSpec> rollouts() {
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.integers().between(30, 3600),
            Arbitraries.integers().between(1, 100))
        .as(
            (auto, deadline, history) -> {
              RolloutSpec spec = new RolloutSpec();
              spec.setAutoRollback(auto);
              spec.setProgressDeadlineSeconds(deadline);
              spec.setRevisionHistoryLimit(history);
              return spec;
            });
  }

  /** A DNS label: lowercase letters and digits, '-' inside, at most 20 characters here. */
  static Arbitrary<String> dnsLabel() {
    return Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').ofLength(1),
            Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMaxLength(18),
            Arbitraries.strings().withCharRange('a', 'z').numeric().ofLength(1))
        .as((first, middle, last) -> first + middle + last);
  }

  /** A DNS subdomain of one to three labels. */
  static Arbitrary<String> dnsName() {
    return dnsLabel().list().ofMinSize(1).ofMaxSize(3).map(labels -> String.join(".", labels));
  }

  static Arbitrary<String> hex(int length) {
    return Arbitraries.strings().withChars("0123456789abcdef").ofLength(length);
  }
}
