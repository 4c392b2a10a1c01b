package dev.chatbot.operator.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A CR that must be refused, with its expectations in '# expect-...:' header lines: the field
 * named, the message, optionally the API server's own wording, and who refuses it (the CRD, or only
 * the operator when a CRD cannot express the rule).
 */
public record InvalidSample(
    String name,
    String yaml,
    String expectedField,
    String expectedMessage,
    String expectedCrdMessage,
    boolean rejectedByCrd) {

  public static final Path DIR = Path.of("src/test/resources/invalid-samples");

  public static List<InvalidSample> all() {
    return RepoFiles.yamlFiles(DIR).stream().map(InvalidSample::load).toList();
  }

  static InvalidSample load(Path file) {
    String yaml = RepoFiles.read(file);
    Map<String, String> headers =
        yaml.lines()
            .filter(l -> l.startsWith("# ") && l.indexOf(':') > 2)
            .collect(
                Collectors.toMap(
                    l -> l.substring(2, l.indexOf(':')).trim(),
                    l -> l.substring(l.indexOf(':') + 1).trim(),
                    (a, b) -> a));
    String message = headers.get("expect-message");
    return new InvalidSample(
        file.getFileName().toString(),
        yaml,
        headers.get("expect-field"),
        message,
        headers.getOrDefault("expect-crd-message", message),
        !"operator".equals(headers.get("rejected-by")));
  }

  @Override
  public String toString() {
    return name;
  }
}
