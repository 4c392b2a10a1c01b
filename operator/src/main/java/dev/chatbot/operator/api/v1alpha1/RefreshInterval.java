package dev.chatbot.operator.api.v1alpha1;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * spec.image.refreshInterval: a duration in hours, minutes and seconds ("1h", "30m", "1h30m",
 * "90s"), a subset of Go's duration syntax that CEL's duration() also reads; at least one minute.
 * The CRD rule, the validator and the resolver all use this class.
 */
public final class RefreshInterval {

  public static final String REGEX = "^([0-9]{1,6}h)?([0-9]{1,6}m)?([0-9]{1,6}s)?$";
  public static final Duration MINIMUM = Duration.ofMinutes(1);
  public static final String MESSAGE =
      "image.refreshInterval must be a duration of hours, minutes and seconds such as 1h, 30m or"
          + " 1h30m, at least 1m";

  private static final Pattern PATTERN = Pattern.compile(REGEX);

  private RefreshInterval() {}

  /** The duration, or empty when the value is not one (or shorter than the minimum). */
  public static Optional<Duration> parse(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = PATTERN.matcher(value);
    if (!m.matches()) {
      return Optional.empty();
    }
    Duration d =
        Duration.ofHours(part(m.group(1)))
            .plusMinutes(part(m.group(2)))
            .plusSeconds(part(m.group(3)));
    return d.compareTo(MINIMUM) < 0 ? Optional.empty() : Optional.of(d);
  }

  private static long part(String group) {
    return group == null ? 0 : Long.parseLong(group.substring(0, group.length() - 1));
  }
}
