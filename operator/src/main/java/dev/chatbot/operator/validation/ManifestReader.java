package dev.chatbot.operator.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a ChatbotDeployment manifest as strictly as `kubectl apply` does: unknown fields and
 * unsupported enum values are errors that name the field, not values silently dropped.
 */
public final class ManifestReader {

  private static final String API_VERSION =
      ChatbotDeployment.GROUP + "/" + ChatbotDeployment.VERSION;

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES);

  /** Parses one YAML document; throws {@link InvalidSpecException} with the offending field. */
  public ChatbotDeployment read(String text) {
    Map<?, ?> raw;
    try {
      raw = yaml.readValue(text, Map.class);
    } catch (IOException e) {
      throw single("", "FieldValueInvalid", "not a YAML object: " + firstLine(e.getMessage()));
    }
    if (raw == null) {
      throw single("", "FieldValueRequired", "the file is empty");
    }
    if (!API_VERSION.equals(raw.get("apiVersion"))
        || !ChatbotDeployment.class.getSimpleName().equals(raw.get("kind"))) {
      throw single(
          "apiVersion/kind",
          "FieldValueInvalid",
          "expected apiVersion "
              + API_VERSION
              + " and kind ChatbotDeployment, got "
              + raw.get("apiVersion")
              + " "
              + raw.get("kind"));
    }
    try {
      return yaml.convertValue(raw, ChatbotDeployment.class);
    } catch (IllegalArgumentException e) {
      throw translate(e.getCause() instanceof JsonMappingException m ? m : null, e);
    }
  }

  private static InvalidSpecException translate(JsonMappingException cause, RuntimeException e) {
    if (cause == null) {
      return single("", "FieldValueInvalid", firstLine(e.getMessage()));
    }
    String field = path(cause);
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return single(
          field,
          "FieldValueInvalid",
          "unknown field \""
              + unknown.getPropertyName()
              + "\" (check the spelling; see docs/api.md)");
    }
    if (cause instanceof InvalidFormatException format && format.getTargetType().isEnum()) {
      String supported =
          Arrays.stream(format.getTargetType().getEnumConstants())
              .map(ManifestReader::wireName)
              .collect(Collectors.joining(", "));
      return single(
          field,
          "FieldValueNotSupported",
          "Unsupported value: \"" + format.getValue() + "\": supported values: " + supported);
    }
    return single(field, "FieldValueInvalid", firstLine(cause.getOriginalMessage()));
  }

  private static String wireName(Object constant) {
    try {
      var field = constant.getClass().getField(((Enum<?>) constant).name());
      var json = field.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
      return json != null ? json.value() : ((Enum<?>) constant).name();
    } catch (NoSuchFieldException e) {
      return constant.toString();
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static InvalidSpecException single(String field, String reason, String message) {
    return new InvalidSpecException(List.of(new Violation(field, reason, message)));
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
