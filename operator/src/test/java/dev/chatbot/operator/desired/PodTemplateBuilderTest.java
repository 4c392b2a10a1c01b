package dev.chatbot.operator.desired;

import static dev.chatbot.operator.testing.TestCrs.chatContainer;
import static dev.chatbot.operator.testing.TestCrs.podSpec;
import static dev.chatbot.operator.testing.TestCrs.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.api.v1alpha1.AppContract;
import dev.chatbot.operator.api.v1alpha1.AuthSpec;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.DigestPolicy;
import dev.chatbot.operator.api.v1alpha1.EnvVarSpec;
import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.api.v1alpha1.LimitsSpec;
import dev.chatbot.operator.api.v1alpha1.LocalObjectRef;
import dev.chatbot.operator.api.v1alpha1.ModelProvider;
import dev.chatbot.operator.api.v1alpha1.ModelSpec;
import dev.chatbot.operator.api.v1alpha1.SecretKeyRef;
import dev.chatbot.operator.api.v1alpha1.StorageSpec;
import dev.chatbot.operator.api.v1alpha1.VolumeSpec;
import dev.chatbot.operator.testing.TestCrs;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PodTemplateBuilderTest {

  @Test
  void runsTheImageByRepositoryAndDigestEvenWhenATagIsSet() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              spec.getImage().setRepository("registry.example.com:5000/acme/chatbot-app");
              spec.getImage().setTag("1.4.2");
            });

    Container container = chatContainer(render(cr));

    assertThat(container.getImage())
        .isEqualTo("registry.example.com:5000/acme/chatbot-app@" + TestCrs.DIGEST)
        .doesNotContain("1.4.2");
  }

  @Test
  void runsTheBundledRepositoryWhenNoneIsGiven() {
    Container container = chatContainer(render(TestCrs.minimal()));

    assertThat(container.getImage()).isEqualTo(ImageSpec.DEFAULT_REPOSITORY + "@" + TestCrs.DIGEST);
  }

  @Test
  void runsTheResolvedDigestFromTheFactsNotTheTag() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              spec.getImage().setDigest(null);
              spec.getImage().setTag("latest");
              spec.getImage().setDigestPolicy(DigestPolicy.Resolve);
            });
    RenderFacts facts =
        new RenderFacts(
            new dev.chatbot.operator.api.v1alpha1.ImageStatus(TestCrs.OTHER_DIGEST, "latest"),
            "",
            java.util.Optional.empty(),
            false,
            false);

    Container container = chatContainer(DesiredState.of(cr, facts));

    assertThat(container.getImage())
        .isEqualTo(ImageSpec.DEFAULT_REPOSITORY + "@" + TestCrs.OTHER_DIGEST);
  }

  @Test
  void hardensThePodAsTheContractSays() {
    PodSpec pod = podSpec(render(TestCrs.minimal()));

    PodSecurityContext ctx = pod.getSecurityContext();
    assertThat(ctx.getRunAsNonRoot()).isTrue();
    assertThat(ctx.getRunAsUser()).isEqualTo(10001L);
    assertThat(ctx.getRunAsGroup()).isEqualTo(10001L);
    assertThat(ctx.getFsGroup()).isEqualTo(10001L);
    assertThat(ctx.getFsGroupChangePolicy()).isEqualTo("OnRootMismatch");
    assertThat(ctx.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getServiceAccountName()).isEqualTo(TestCrs.NAME);
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void hardensTheContainerAsTheContractSays() {
    SecurityContext ctx = chatContainer(render(TestCrs.minimal())).getSecurityContext();

    assertThat(ctx.getRunAsNonRoot()).isTrue();
    assertThat(ctx.getRunAsUser()).isEqualTo(10001L);
    assertThat(ctx.getRunAsGroup()).isEqualTo(10001L);
    assertThat(ctx.getAllowPrivilegeEscalation()).isFalse();
    assertThat(ctx.getReadOnlyRootFilesystem()).isTrue();
    assertThat(ctx.getPrivileged()).isNotEqualTo(Boolean.TRUE);
    assertThat(ctx.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(ctx.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(ctx.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
  }

  @Test
  void ownServiceAccountMountsNoToken() {
    DesiredState state = render(TestCrs.minimal());

    assertThat(state.serviceAccount().getMetadata().getName()).isEqualTo(TestCrs.NAME);
    assertThat(state.serviceAccount().getMetadata().getNamespace()).isEqualTo(TestCrs.NAMESPACE);
    assertThat(state.serviceAccount().getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void mountsAWritableTmpEmptyDirBecauseTheRootFilesystemIsReadOnly() {
    DesiredState state = render(TestCrs.minimal());

    Volume tmp =
        volumesByName(podSpec(state)).get(mountsByPath(chatContainer(state)).get("/tmp").getName());
    assertThat(tmp.getEmptyDir()).isNotNull();
    assertThat(mountsByPath(chatContainer(state)).get("/tmp").getReadOnly())
        .isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void mountsUploadsAndExportsFromTheOperatorsClaimsByDefault() {
    DesiredState state = render(TestCrs.minimal());

    Map<String, VolumeMount> mounts = mountsByPath(chatContainer(state));
    Map<String, Volume> volumes = volumesByName(podSpec(state));
    assertThat(claimOf(volumes, mounts.get("/data/uploads"))).isEqualTo("chat-uploads");
    assertThat(claimOf(volumes, mounts.get("/data/exports"))).isEqualTo("chat-exports");
    assertThat(state.uploadsClaim()).isPresent();
    assertThat(state.exportsClaim()).isPresent();
  }

  @Test
  void mountsAnExistingClaimAndRendersNoClaimForIt() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              VolumeSpec uploads = new VolumeSpec();
              uploads.setExistingClaim("team-documents");
              StorageSpec storage = new StorageSpec();
              storage.setUploads(uploads);
              spec.setStorage(storage);
            });

    DesiredState state = render(cr);

    Map<String, VolumeMount> mounts = mountsByPath(chatContainer(state));
    Map<String, Volume> volumes = volumesByName(podSpec(state));
    assertThat(claimOf(volumes, mounts.get("/data/uploads"))).isEqualTo("team-documents");
    assertThat(claimOf(volumes, mounts.get("/data/exports"))).isEqualTo("chat-exports");
    assertThat(state.uploadsClaim()).isEmpty();
    assertThat(state.exportsClaim()).isPresent();
    assertThat(state.all())
        .noneMatch(o -> o.getMetadata().getName().equals("chat-uploads"))
        .noneMatch(o -> o.getMetadata().getName().equals("team-documents"));
  }

  @Test
  void takesTheApiKeyFromTheSecretNeverAsALiteral() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              ModelSpec model = new ModelSpec();
              model.setProvider(ModelProvider.OPENAI);
              model.setBaseUrl("https://api.openai.com/v1");
              model.setApiKeySecretRef(new SecretKeyRef("llm", "api-key"));
              spec.setModel(model);
            });

    Container container = chatContainer(render(cr));

    EnvVar apiKey = envByName(container).get(AppContract.MODEL_API_KEY);
    assertThat(apiKey.getValue()).isNull();
    assertThat(apiKey.getValueFrom().getSecretKeyRef().getName()).isEqualTo("llm");
    assertThat(apiKey.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("api-key");
  }

  @Test
  void readsAppSettingsFromTheConfigMapThroughEnvFrom() {
    DesiredState state = render(TestCrs.minimal());

    Container container = chatContainer(state);

    assertThat(container.getEnvFrom())
        .singleElement()
        .satisfies(e -> assertThat(e.getConfigMapRef().getName()).isEqualTo("chat-config"));
    assertThat(state.configMap().getMetadata().getName()).isEqualTo("chat-config");
    assertThat(state.configMap().getData())
        .containsEntry(AppContract.SERVER_PORT, "8080")
        .containsEntry(AppContract.UPLOADS_DIR, "/data/uploads")
        .containsEntry(AppContract.EXPORTS_DIR, "/data/exports")
        .containsEntry(AppContract.MODEL_PROVIDER, "offline");
    assertThat(envByName(container))
        .doesNotContainKeys(AppContract.RESERVED_ENV.toArray(String[]::new));
  }

  @Test
  void spendLimitsBecomeTheAppsLimitVariablesAndOmittedOnesStayUnset() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              LimitsSpec limits = new LimitsSpec();
              limits.setTokensPerRequest(4096L);
              limits.setTokensPerDay(1_000_000L);
              spec.setLimits(limits);
            });

    DesiredState state = render(cr);

    assertThat(state.configMap().getData())
        .containsEntry(AppContract.LIMIT_TOKENS_PER_REQUEST, "4096")
        .containsEntry(AppContract.LIMIT_TOKENS_PER_DAY, "1000000")
        .doesNotContainKey(AppContract.LIMIT_TOKENS_PER_HOUR);
    assertThat(render(TestCrs.minimal()).configMap().getData())
        .doesNotContainKeys(AppContract.LIMIT_TOKENS_PER_REQUEST, AppContract.LIMIT_TOKENS_PER_DAY);
  }

  @Test
  void passesUserEnvThroughUnchanged() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              spec.getEnv().add(new EnvVarSpec("JAVA_TOOL_OPTIONS", "-Xmx400m"));
              EnvVarSpec fromSecret = new EnvVarSpec();
              fromSecret.setName("EXTRA_TOKEN");
              fromSecret.setValueFrom(
                  new EnvVarSourceBuilder()
                      .withNewSecretKeyRef()
                      .withName("extra")
                      .withKey("token")
                      .endSecretKeyRef()
                      .build());
              spec.getEnv().add(fromSecret);
            });

    Map<String, EnvVar> env = envByName(chatContainer(render(cr)));

    assertThat(env.get("JAVA_TOOL_OPTIONS").getValue()).isEqualTo("-Xmx400m");
    assertThat(env.get("EXTRA_TOKEN").getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("extra");
  }

  @Test
  void mountsTheAuthSecretReadOnlyAndPointsTheAppAtIt() {
    ChatbotDeployment cr =
        TestCrs.with(
            spec -> {
              AuthSpec auth = new AuthSpec();
              auth.setSecretRef(new LocalObjectRef("chat-users"));
              spec.setAuth(auth);
            });

    DesiredState state = render(cr);

    VolumeMount mount = mountsByPath(chatContainer(state)).get("/etc/chatbot/auth");
    assertThat(mount.getReadOnly()).isTrue();
    Volume volume = volumesByName(podSpec(state)).get(mount.getName());
    assertThat(volume.getSecret().getSecretName()).isEqualTo("chat-users");
    // The whole Secret: its api-keys key is optional, and a listed missing key fails the mount.
    assertThat(volume.getSecret().getItems()).isEmpty();
    assertThat(state.configMap().getData())
        .containsEntry(AppContract.AUTH_USERS_FILE, "/etc/chatbot/auth/users")
        .containsEntry(AppContract.AUTH_API_KEYS_FILE, "/etc/chatbot/auth/api-keys");
  }

  @Test
  void hasNoAuthMountOrUsersFileWithoutAuth() {
    DesiredState state = render(TestCrs.minimal());

    assertThat(mountsByPath(chatContainer(state))).doesNotContainKey("/etc/chatbot/auth");
    assertThat(state.configMap().getData())
        .doesNotContainKey(AppContract.AUTH_USERS_FILE)
        .doesNotContainKey(AppContract.AUTH_API_KEYS_FILE);
  }

  @Test
  void probesOverHttpOnTheActuatorHealthGroups() {
    Container container = chatContainer(render(TestCrs.minimal()));

    assertThat(container.getStartupProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(container.getLivenessProbe().getExec()).isNull();
    assertThat(container.getReadinessProbe().getExec()).isNull();
    assertThat(container.getStartupProbe().getExec()).isNull();
    assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(container.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getContainerPort()).isEqualTo(8080);
            });
  }

  @Test
  void appliesTheResourceBaselineWhenTheSpecSaysNothing() {
    Container container = chatContainer(render(TestCrs.minimal()));

    assertThat(container.getResources().getRequests().get("cpu").toString()).isEqualTo("500m");
    assertThat(container.getResources().getRequests().get("memory").toString()).isEqualTo("512Mi");
    assertThat(container.getResources().getLimits().get("cpu").toString()).isEqualTo("1");
    assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("1Gi");
  }

  @Test
  void labelsThePodsWithTheDeploymentSelector() {
    Deployment deployment = render(TestCrs.minimal()).deployment();

    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
  }

  static Map<String, VolumeMount> mountsByPath(Container container) {
    return container.getVolumeMounts().stream()
        .collect(Collectors.toMap(VolumeMount::getMountPath, Function.identity()));
  }

  static Map<String, Volume> volumesByName(PodSpec pod) {
    return pod.getVolumes().stream()
        .collect(Collectors.toMap(Volume::getName, Function.identity()));
  }

  static Map<String, EnvVar> envByName(Container container) {
    return container.getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, Function.identity()));
  }

  private static String claimOf(Map<String, Volume> volumes, VolumeMount mount) {
    return volumes.get(mount.getName()).getPersistentVolumeClaim().getClaimName();
  }
}
