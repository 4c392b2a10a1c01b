package dev.chatbot.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Runs the Argo CD health check (manifests/argocd/resource_customizations/.../health.lua) the way
 * Argo CD does: the resource as a Lua table in the global {@code obj}, the script's return value
 * read for {@code status} and {@code message}. The cases are Argo CD's own format,
 * health_test.yaml.
 */
class ArgoHealthCheckTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String CHECK_DIR =
      "manifests/argocd/resource_customizations/chatbot.dev/ChatbotDeployment";
  private static final String CM_KEY =
      "resource.customizations.health.chatbot.dev_ChatbotDeployment";

  static Path repoRoot() {
    String root = System.getProperty("chatbot.repoRoot");
    return Path.of(root != null ? root : "..").toAbsolutePath().normalize();
  }

  static Path checkDir() {
    return repoRoot().resolve(CHECK_DIR);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Object yaml(Path file) {
    try {
      return YAML.readValue(file.toFile(), Object.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> cases() {
    Map<String, Object> doc = (Map<String, Object>) yaml(checkDir().resolve("health_test.yaml"));
    return (List<Map<String, Object>>) doc.get("tests");
  }

  @SuppressWarnings("unchecked")
  static Stream<Arguments> healthCases() {
    return cases().stream()
        .map(
            c -> {
              Map<String, Object> expected = (Map<String, Object>) c.get("healthStatus");
              return Arguments.of(
                  c.get("inputPath"), expected.get("status"), expected.get("message"));
            });
  }

  /** JSON-like YAML as Argo CD hands it to Lua: maps become tables, lists 1-based tables. */
  static LuaValue toLua(Object value) {
    if (value == null) {
      return LuaValue.NIL;
    }
    if (value instanceof Map<?, ?> map) {
      LuaTable table = new LuaTable();
      map.forEach((k, v) -> table.set(String.valueOf(k), toLua(v)));
      return table;
    }
    if (value instanceof List<?> list) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < list.size(); i++) {
        table.set(i + 1, toLua(list.get(i)));
      }
      return table;
    }
    if (value instanceof Boolean b) {
      return LuaValue.valueOf(b);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      return LuaValue.valueOf(((Number) value).longValue());
    }
    if (value instanceof Number n) {
      return LuaValue.valueOf(n.doubleValue());
    }
    return LuaValue.valueOf(String.valueOf(value));
  }

  /** Runs health.lua against one resource; returns [status, message]. */
  static String[] health(Object resource) {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(resource));
    Path script = checkDir().resolve("health.lua");
    LuaValue result = globals.load(read(script), "health.lua").call();
    assertThat(result.istable()).as("health.lua returns a table").isTrue();
    LuaValue message = result.get("message");
    return new String[] {
      result.get("status").tojstring(), message.isnil() ? null : message.tojstring()
    };
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("healthCases")
  void healthOfEachTestdataFile(String inputPath, String status, String message) {
    String[] actual = health(yaml(checkDir().resolve(inputPath)));

    assertThat(actual[0]).as("status for %s", inputPath).isEqualTo(status);
    assertThat(actual[1]).as("message for %s", inputPath).isEqualTo(message);
  }

  @Test
  void everyTestdataFileIsACase() throws IOException {
    List<String> referenced = cases().stream().map(c -> (String) c.get("inputPath")).toList();
    List<String> files;
    try (Stream<Path> list = Files.list(checkDir().resolve("testdata"))) {
      files = list.map(p -> "testdata/" + p.getFileName()).sorted().toList();
    }

    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    assertThat(referenced).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void everyHealthStatusIsOneArgoCdKnows() {
    assertThat(cases())
        .allSatisfy(
            c ->
                assertThat(((Map<?, ?>) c.get("healthStatus")).get("status"))
                    .isIn("Healthy", "Progressing", "Degraded", "Suspended", "Missing", "Unknown"));
  }

  @Test
  void eachPhaseHasACase() {
    List<Object> phases =
        cases().stream()
            .map(c -> yaml(checkDir().resolve((String) c.get("inputPath"))))
            .map(r -> ((Map<?, ?>) r).get("status"))
            .filter(s -> s instanceof Map<?, ?>)
            .<Object>map(s -> ((Map<?, ?>) s).get("phase"))
            .toList();

    assertThat(phases)
        .contains("Pending", "Progressing", "Ready", "Degraded", "RolledBack", "Failed");
  }

  @Test
  @SuppressWarnings("unchecked")
  void argocdCmSnippetIsHealthLua() {
    Map<String, Object> cm =
        (Map<String, Object>) yaml(repoRoot().resolve("manifests/argocd/argocd-cm-health.yaml"));
    Map<String, Object> data = (Map<String, Object>) cm.get("data");

    assertThat(cm.get("kind")).isEqualTo("ConfigMap");
    assertThat(((Map<String, Object>) cm.get("metadata")).get("name")).isEqualTo("argocd-cm");
    assertThat(data.get(CM_KEY))
        .as(
            "argocd-cm-health.yaml must hold health.lua verbatim (regenerate it as docs/argocd.md"
                + " describes)")
        .isEqualTo(read(checkDir().resolve("health.lua")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void exampleApplicationSelfHealsAutomatically() {
    Map<String, Object> app =
        (Map<String, Object>) yaml(repoRoot().resolve("manifests/argocd/application-example.yaml"));
    Map<String, Object> sync =
        (Map<String, Object>) ((Map<String, Object>) app.get("spec")).get("syncPolicy");

    assertThat(app.get("kind")).isEqualTo("Application");
    assertThat((Map<String, Object>) sync.get("automated")).containsEntry("selfHeal", true);
  }
}
