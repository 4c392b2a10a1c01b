package dev.chatbot.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.config.BundledAppImage;
import dev.chatbot.operator.testing.RepoFiles;
import dev.chatbot.operator.testing.RestrictedPodSecurityCheck;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RenderCommandTest {

  private static final Path SAMPLES = RepoFiles.resolve("manifests/samples");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** Every sample that carries its digest, i.e. renders without a registry. */
  static Stream<Path> pinnedSamples() {
    return RepoFiles.yamlFiles(SAMPLES).stream()
        .filter(p -> !p.getFileName().toString().equals("resolve-tag.yaml"));
  }

  @ParameterizedTest
  @MethodSource("pinnedSamples")
  void rendersEverySampleAsParseableMultiDocumentYaml(Path sample) {
    CliRun run = CliRun.of("render", "-f", sample.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).isEmpty();
    List<HasMetadata> objects = parse(run.out());
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains("ServiceAccount", "ConfigMap", "Deployment", "Service");
    assertThat(objects)
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("default"));
  }

  @ParameterizedTest
  @MethodSource("pinnedSamples")
  void renderedDeploymentOfEverySampleKeepsEveryPromise(Path sample) {
    List<HasMetadata> objects = parse(CliRun.of("render", "-f", sample.toString()).out());

    Deployment deployment = only(objects, Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    assertThat(container.getImage()).matches("[^@:]+(:[0-9]+)?(/[^@:]+)*@sha256:[0-9a-f]{64}");
    assertThat(RestrictedPodSecurityCheck.violations(pod)).isEmpty();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getFsGroupChangePolicy()).isEqualTo("OnRootMismatch");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(only(objects, ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getServiceAccountName())
        .isEqualTo(only(objects, ServiceAccount.class).getMetadata().getName());
    assertThat(container.getStartupProbe().getHttpGet()).isNotNull();
    assertThat(container.getLivenessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/liveness");
    assertThat(container.getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/actuator/health/readiness");
    assertThat(container.getVolumeMounts())
        .extracting(VolumeMount::getMountPath)
        .contains("/data/uploads", "/data/exports", "/tmp");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("chatbot.dev/revision");
  }

  @Test
  void rendersTheSharedVolumeSampleWithRollingUpdateAndADisruptionBudget() {
    List<HasMetadata> objects =
        parse(
            CliRun.of("render", "-f", SAMPLES.resolve("multi-replica-rwx.yaml").toString()).out());

    Deployment deployment = only(objects, Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains("PodDisruptionBudget", "NetworkPolicy");
  }

  @Test
  void rendersNoServiceMonitorUnlessToldThePrometheusOperatorIsInstalled() {
    String sample = SAMPLES.resolve("multi-replica-rwx.yaml").toString();

    List<HasMetadata> without = parse(CliRun.of("render", "-f", sample).out());
    List<HasMetadata> with =
        parse(CliRun.of("render", "-f", sample, "--with-prometheus-operator").out());

    assertThat(without).extracting(HasMetadata::getKind).doesNotContain("ServiceMonitor");
    assertThat(with)
        .filteredOn(GenericKubernetesResource.class::isInstance)
        .extracting(HasMetadata::getKind)
        .containsExactly("ServiceMonitor");
  }

  @Test
  void rendersTheSameOutputTwice() {
    String sample = SAMPLES.resolve("openai-compatible.yaml").toString();

    assertThat(CliRun.of("render", "-f", sample).out())
        .isEqualTo(CliRun.of("render", "-f", sample).out());
  }

  @Test
  void refusesToRenderAResolveSampleWithoutResolveNamingTheDigestField() {
    CliRun run = CliRun.of("render", "-f", SAMPLES.resolve("resolve-tag.yaml").toString());

    assertThat(run.exitCode()).as(run.toString()).isNotZero();
    assertThat(run.err()).contains("spec.image.digest").contains("--resolve");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void refusesToRenderAnInvalidCrNamingTheField() {
    CliRun run =
        CliRun.of(
            "render",
            "-f",
            Path.of("src/test/resources/invalid-samples/bad-digest-format.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("spec.image.digest");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void failsClearlyOnAMissingFile() {
    CliRun run = CliRun.of("render", "-f", "no/such/cr.yaml");

    assertThat(run.exitCode()).as("2: unreadable, distinct from 1: invalid").isEqualTo(2);
    assertThat(run.err()).contains("cannot read").contains("no/such/cr.yaml");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void failsWithUsageWhenNoFileIsGiven() {
    CliRun run = CliRun.of("render");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--file");
  }

  @Test
  void aCrWithoutAnImageRendersTheBundledAppOfThisReleasePinnedByDigest() {
    BundledAppImage bundled = BundledAppImage.fromEnvironment();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        bundled.digest().isPresent(), "this build made no app image (-Dimage.skip)");

    CliRun run = CliRun.of("render", "-f", SAMPLES.resolve("minimal.yaml").toString());

    Deployment deployment = only(parse(run.out()), Deployment.class);
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(bundled.repository() + "@" + bundled.digest().orElseThrow());
  }

  @Test
  void namespaceOptionPlacesEveryObjectLikeKubectlDashN() {
    CliRun run =
        CliRun.of("render", "-n", "team-a", "-f", SAMPLES.resolve("ollama.yaml").toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(parse(run.out()))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("team-a"));
  }

  @Test
  void namespaceOptionThatContradictsTheFileIsRefused(@TempDir Path dir) throws Exception {
    Path cr = dir.resolve("cr.yaml");
    Files.writeString(
        cr,
        "apiVersion: chatbot.dev/v1alpha1\nkind: ChatbotDeployment\n"
            + "metadata: {name: a, namespace: team-b}\nspec: {}\n");

    CliRun run = CliRun.of("render", "--namespace", "team-a", "-f", cr.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("(team-b) does not match --namespace team-a");
    assertThat(run.out()).isEmpty();
  }

  private static List<HasMetadata> parse(String yaml) {
    return Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(doc -> !doc.isBlank())
        .map(doc -> (HasMetadata) SERIALIZATION.unmarshal(doc))
        .toList();
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}
