package dev.chatbot.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.chatbot.operator.testing.ChartRender;
import dev.chatbot.operator.testing.RepoFiles;
import dev.chatbot.operator.testing.RestrictedPodSecurityCheck;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Helm chart, linted and rendered by real Helm, keeps the operator's promises. */
class ChartTemplateTest {

  private static final Set<String> ALERTS =
      Set.of(
          "ChatbotDown",
          "ChatbotHighErrorRate",
          "ChatbotHighLatencyP95",
          "ChatbotHighMemory",
          "ChatbotRolledBack",
          "ChatbotOperatorDown");

  static Stream<Arguments> valueSets() {
    return Stream.of(
        Arguments.of("defaults", ChartRender.defaults()),
        Arguments.of(
            "namespace-scoped",
            ChartRender.defaults()
                .set("watchNamespaces[0]", "team-a")
                .set("watchNamespaces[1]", "team-b")),
        Arguments.of("ha", ChartRender.defaults().set("replicas", 2)),
        Arguments.of("monitoring", monitoringOn()));
  }

  private static ChartRender monitoringOn() {
    return ChartRender.defaults()
        .set("monitoring.serviceMonitor.enabled", true)
        .set("monitoring.prometheusRule.enabled", true)
        .set("monitoring.dashboard.enabled", true);
  }

  @Test
  void chartPassesHelmLintStrict() {
    LintResult lint = new Helm(ChartRender.CHART).lint().strict().call();

    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void noRbacRuleUsesAWildcard(String name, ChartRender chart) {
    List<PolicyRule> rules = rules(chart.objects());

    assertThat(rules).isNotEmpty();
    assertThat(rules)
        .allSatisfy(
            r -> {
              assertThat(r.getVerbs()).doesNotContain("*");
              assertThat(r.getResources()).doesNotContain("*");
              assertThat(r.getApiGroups()).doesNotContain("*");
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void everyPodIsRestrictedAndRunsItsImageByDigest(String name, ChartRender chart) {
    List<Deployment> deployments = of(chart.objects(), Deployment.class);

    assertThat(deployments).hasSize(1);
    PodSpec pod = deployments.get(0).getSpec().getTemplate().getSpec();
    assertThat(RestrictedPodSecurityCheck.violations(pod)).isEmpty();
    assertThat(pod.getContainers())
        .extracting(Container::getImage)
        .allSatisfy(
            image -> assertThat(image).matches("[^@:]+(:[0-9]+)?(/[^@:]+)*@sha256:[0-9a-f]{64}"));
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getContainers().get(0).getReadinessProbe().getHttpGet().getPath())
        .isEqualTo("/readyz");
  }

  /** Also leaves each rendering in target/chart-render/ for the static audit (.ci/audit). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void everyNamespacedObjectNamesItsNamespace(String name, ChartRender chart) throws Exception {
    String yaml = chart.yaml();
    Files.createDirectories(Path.of("target/chart-render"));
    Files.writeString(Path.of("target/chart-render", name + ".yaml"), yaml);

    assertThat(ChartRender.parse(yaml).stream().filter(o -> !CLUSTER_SCOPED.contains(o.getKind())))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isNotBlank());
  }

  @Test
  void clusterWideGrantsExactlyTheVerbsTheCodeUses() {
    List<GenericKubernetesResource> objects = ChartRender.defaults().objects();

    List<ClusterRole> clusterRoles = of(objects, ClusterRole.class);
    assertThat(clusterRoles).hasSize(1);
    assertThat(OperatorPermissions.flatten(clusterRoles.get(0).getRules()))
        .isEqualTo(
            OperatorPermissions.merged(
                OperatorPermissions.NAMESPACED, OperatorPermissions.CLUSTER));
    assertThat(of(objects, Role.class)).singleElement().satisfies(this::isLeaderElectionRole);
    assertThat(env(objects, "CHATBOT_OPERATOR_NAMESPACES")).isEmpty();
  }

  @Test
  void namespaceScopedGrantsRolesInTheWatchedNamespacesOnly() {
    List<GenericKubernetesResource> objects =
        ChartRender.defaults()
            .set("watchNamespaces[0]", "team-a")
            .set("watchNamespaces[1]", "team-b")
            .objects();

    assertThat(of(objects, ClusterRole.class))
        .singleElement()
        .satisfies(
            c ->
                assertThat(OperatorPermissions.flatten(c.getRules()))
                    .isEqualTo(OperatorPermissions.CLUSTER));
    List<Role> roles = of(objects, Role.class);
    assertThat(roles.stream().filter(r -> !r.getMetadata().getName().endsWith("leader-election")))
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(roles.stream().filter(r -> !r.getMetadata().getName().endsWith("leader-election")))
        .allSatisfy(
            r ->
                assertThat(OperatorPermissions.flatten(r.getRules()))
                    .isEqualTo(OperatorPermissions.NAMESPACED));
    assertThat(env(objects, "CHATBOT_OPERATOR_NAMESPACES")).isEqualTo("team-a,team-b");
  }

  @Test
  void twoReplicasGetADisruptionBudgetAndOneDoesNot() {
    List<GenericKubernetesResource> ha = ChartRender.defaults().set("replicas", 2).objects();

    assertThat(of(ha, Deployment.class).get(0).getSpec().getReplicas()).isEqualTo(2);
    assertThat(of(ha, PodDisruptionBudget.class))
        .singleElement()
        .satisfies(p -> assertThat(p.getSpec().getMinAvailable().getIntVal()).isEqualTo(1));
    assertThat(of(ChartRender.defaults().objects(), PodDisruptionBudget.class)).isEmpty();
  }

  @Test
  void monitoringShipsTheRunbookAlertsEachWithARunbookSection() throws Exception {
    List<GenericKubernetesResource> objects = monitoringOn().objects();

    GenericKubernetesResource rule = only(objects, "PrometheusRule");
    List<Map<String, Object>> rules = rule.get("spec", "groups", 0, "rules");
    assertThat(rules).extracting(r -> r.get("alert")).containsExactlyInAnyOrderElementsOf(ALERTS);
    String operations = RepoFiles.read(RepoFiles.resolve("docs/operations.md"));
    for (Map<String, Object> r : rules) {
      @SuppressWarnings("unchecked")
      String url = ((Map<String, String>) r.get("annotations")).get("runbook_url");
      String anchor = url.substring(url.indexOf('#') + 1);
      assertThat(anchors(operations)).as("runbook section for %s", r.get("alert")).contains(anchor);
    }
    assertThat(only(objects, "ServiceMonitor")).isNotNull();
    ConfigMap dashboard = ChartRender.as(only(objects, "ConfigMap"), ConfigMap.class);
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(
            new ObjectMapper()
                .readTree(dashboard.getData().get("chatbot-operator.json"))
                .get("panels")
                .size())
        .isGreaterThanOrEqualTo(6);
  }

  @Test
  void monitoringObjectsAreOffByDefault() {
    assertThat(ChartRender.defaults().objects())
        .extracting(GenericKubernetesResource::getKind)
        .doesNotContain("ServiceMonitor", "PrometheusRule", "ConfigMap");
  }

  @Test
  void aRegistryCaBundleIsMountedAndNamedToTheOperator() {
    Deployment operator =
        ChartRender.as(
            only(
                ChartRender.defaults()
                    .set("registry.caBundle.configMap", "corp-ca")
                    .set("registry.insecureRegistries[0]", "registry.lab:5000")
                    .objects(),
                "Deployment"),
            Deployment.class);
    var container = operator.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(container.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("CHATBOT_OPERATOR_REGISTRY_CA_BUNDLE");
              assertThat(e.getValue()).isEqualTo("/etc/chatbot-operator/registry-ca/ca.crt");
            })
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("CHATBOT_OPERATOR_INSECURE_REGISTRIES");
              assertThat(e.getValue()).isEqualTo("registry.lab:5000");
            });
    assertThat(operator.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getConfigMap() != null)
        .extracting(v -> v.getConfigMap().getName())
        .containsExactly("corp-ca");
  }

  @Test
  void theSchemaRefusesAnImageWithoutDigest() {
    assertThatThrownBy(() -> ChartRender.defaults().set("image.digest", "latest").yaml())
        .hasMessageContaining("/image/digest")
        .hasMessageContaining("does not match pattern");
  }

  @Test
  void chartCarriesTheCommittedCrd() throws Exception {
    String file = "chatbotdeployments.chatbot.dev-v1.yml";

    assertThat(Files.readString(ChartRender.CHART.resolve("crds").resolve(file)))
        .as(
            "charts/chatbot-operator/crds/%s is out of date: cp crds/%s charts/chatbot-operator/crds/",
            file, file)
        .isEqualTo(RepoFiles.read(RepoFiles.resolve("crds/" + file)));
  }

  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition");

  private void isLeaderElectionRole(Role role) {
    assertThat(role.getMetadata().getNamespace()).isEqualTo(ChartRender.NAMESPACE);
    assertThat(OperatorPermissions.flatten(role.getRules()))
        .isEqualTo(OperatorPermissions.LEADER_ELECTION);
  }

  private static Set<String> anchors(String markdown) {
    Set<String> out = new java.util.HashSet<>();
    Matcher m = Pattern.compile("(?m)^#+\\s+(.+)$").matcher(markdown);
    while (m.find()) {
      out.add(m.group(1).trim().toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-'));
    }
    return out;
  }

  private static List<PolicyRule> rules(List<GenericKubernetesResource> objects) {
    return Stream.concat(
            of(objects, ClusterRole.class).stream().flatMap(c -> c.getRules().stream()),
            of(objects, Role.class).stream().flatMap(r -> r.getRules().stream()))
        .toList();
  }

  private static String env(List<GenericKubernetesResource> objects, String name) {
    return of(objects, Deployment.class)
        .get(0)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow();
  }

  private static GenericKubernetesResource only(
      List<GenericKubernetesResource> objects, String kind) {
    List<GenericKubernetesResource> matching =
        objects.stream().filter(o -> kind.equals(o.getKind())).toList();
    assertThat(matching).as(kind).hasSize(1);
    return matching.get(0);
  }

  static <T extends io.fabric8.kubernetes.api.model.HasMetadata> List<T> of(
      List<GenericKubernetesResource> objects, Class<T> type) {
    String kind = type.getSimpleName();
    return objects.stream()
        .filter(o -> kind.equals(o.getKind()))
        .map(o -> ChartRender.as(o, type))
        .toList();
  }
}
