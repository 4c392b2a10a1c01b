package dev.chatbot.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveObjectsTest {

  static final Map<String, Object> DESIRED =
      Map.of("endpoints", List.of(Map.of("port", "http", "interval", "30s", "limit", 5)));

  @Test
  void serverDefaultsAndOtherFieldsAreNoReasonToWrite() {
    Map<String, Object> live =
        Map.of(
            "endpoints",
            List.of(Map.of("port", "http", "interval", "30s", "limit", 5L, "scheme", "http")),
            "jobLabel",
            "x");

    assertThat(LiveObjects.contains(live, DESIRED)).isTrue();
  }

  @Test
  void aChangedOrMissingValueIsADifference() {
    assertThat(
            LiveObjects.contains(
                Map.of("endpoints", List.of(Map.of("port", "http", "interval", "60s", "limit", 5))),
                DESIRED))
        .isFalse();
    assertThat(LiveObjects.contains(Map.of("endpoints", List.of()), DESIRED)).isFalse();
    assertThat(LiveObjects.contains(null, DESIRED)).isFalse();
  }
}
