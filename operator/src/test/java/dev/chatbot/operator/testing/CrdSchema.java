package dev.chatbot.operator.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The structural part of the committed CRD's OpenAPI schema, checked without a cluster: unknown
 * fields, types, enums, number ranges, lengths and required fields. CEL rules are checked by the
 * validator tests here and by the real API server in the end-to-end suite.
 */
public final class CrdSchema {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final Map<String, Object> root;

  private CrdSchema(Map<String, Object> root) {
    this.root = root;
  }

  @SuppressWarnings("unchecked")
  public static CrdSchema committed() {
    try {
      Map<String, Object> crd =
          YAML.readValue(
              RepoFiles.resolve("crds/chatbotdeployments.chatbot.dev-v1.yml").toFile(), Map.class);
      Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
      Map<String, Object> version = ((List<Map<String, Object>>) spec.get("versions")).get(0);
      return new CrdSchema(
          (Map<String, Object>)
              ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Map<String, Object> openApiSchema() {
    return root;
  }

  /** Every message of an x-kubernetes-validations rule anywhere in the schema. */
  public List<String> celMessages() {
    List<String> out = new ArrayList<>();
    collectMessages(root, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void collectMessages(Object node, List<String> out) {
    if (node instanceof Map<?, ?> map) {
      Object rules = map.get("x-kubernetes-validations");
      if (rules instanceof List<?> list) {
        list.forEach(r -> out.add(String.valueOf(((Map<String, Object>) r).get("message"))));
      }
      map.values().forEach(v -> collectMessages(v, out));
    } else if (node instanceof List<?> list) {
      list.forEach(v -> collectMessages(v, out));
    }
  }

  /** Problems the API server's schema validation would report for this object's spec. */
  @SuppressWarnings("unchecked")
  public List<String> problems(String manifestYaml) {
    try {
      Map<String, Object> manifest = YAML.readValue(manifestYaml, Map.class);
      List<String> out = new ArrayList<>();
      Map<String, Object> props = (Map<String, Object>) root.get("properties");
      check("spec", manifest.get("spec"), (Map<String, Object>) props.get("spec"), out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void check(
      String path, Object value, Map<String, Object> schema, List<String> out) {
    if (value == null || Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
      return;
    }
    String type = (String) schema.get("type");
    if (schema.containsKey("enum") && !((List<Object>) schema.get("enum")).contains(value)) {
      out.add(path + ": Unsupported value: \"" + value + "\"");
    }
    switch (type == null ? "" : type) {
      case "object" -> object(path, value, schema, out);
      case "array" -> {
        if (!(value instanceof List<?> list)) {
          out.add(path + ": must be an array");
          return;
        }
        Number maxItems = (Number) schema.get("maxItems");
        if (maxItems != null && list.size() > maxItems.intValue()) {
          out.add(
              path + ": Too many: " + list.size() + ": must have at most " + maxItems + " items");
        }
        for (int i = 0; i < list.size(); i++) {
          check(path + "[" + i + "]", list.get(i), (Map<String, Object>) schema.get("items"), out);
        }
      }
      case "integer" -> {
        if (!(value instanceof Integer || value instanceof Long)) {
          out.add(path + ": must be an integer");
          return;
        }
        long n = ((Number) value).longValue();
        Number min = (Number) schema.get("minimum");
        Number max = (Number) schema.get("maximum");
        if (min != null && n < min.doubleValue()) {
          out.add(path + ": should be greater than or equal to " + min.intValue());
        }
        if (max != null && n > max.doubleValue()) {
          out.add(path + ": should be less than or equal to " + max.intValue());
        }
      }
      case "string" -> {
        if (!(value instanceof String s)) {
          out.add(path + ": must be a string");
          return;
        }
        Number maxLength = (Number) schema.get("maxLength");
        if (maxLength != null && s.length() > maxLength.intValue()) {
          out.add(path + ": Too long: may not be longer than " + maxLength);
        }
      }
      case "boolean" -> {
        if (!(value instanceof Boolean)) {
          out.add(path + ": must be a boolean");
        }
      }
      default -> {}
    }
  }

  @SuppressWarnings("unchecked")
  private static void object(
      String path, Object value, Map<String, Object> schema, List<String> out) {
    if (!(value instanceof Map<?, ?> map)) {
      out.add(path + ": must be an object");
      return;
    }
    Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
    Object additional = schema.get("additionalProperties");
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      String child = path + "." + key;
      if (properties != null && properties.containsKey(key)) {
        check(child, e.getValue(), (Map<String, Object>) properties.get(key), out);
      } else if (additional instanceof Map<?, ?> additionalSchema) {
        check(child, e.getValue(), (Map<String, Object>) additionalSchema, out);
      } else if (!Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))) {
        out.add("unknown field \"" + child + "\"");
      }
    }
    for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
      if (!map.containsKey(required)) {
        out.add(path + "." + required + ": Required value");
      }
    }
  }
}
