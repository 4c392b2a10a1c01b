package dev.chatbot.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a failed reconcile into a message for status: which object, and what the API server said (a
 * webhook or admission policy denial, a quota, a 422), not a Java stack trace.
 */
public final class ReconcileErrors {

  private ReconcileErrors() {}

  public static String describe(Exception e) {
    List<String> parts = new ArrayList<>();
    collect(e, parts);
    String joined = String.join("; ", parts);
    return joined.length() > 1000 ? joined.substring(0, 997) + "..." : joined;
  }

  private static void collect(Throwable e, List<String> parts) {
    // JOSDK wraps the workflow's per-dependent errors: OperatorException -> Aggregated... -> each.
    AggregatedOperatorException aggregated = find(e, AggregatedOperatorException.class);
    if (aggregated != null) {
      for (Map.Entry<String, Exception> entry : aggregated.getAggregatedExceptions().entrySet()) {
        collect(entry.getValue(), parts);
      }
      return;
    }
    KubernetesClientException api = find(e, KubernetesClientException.class);
    if (api != null) {
      parts.add(object(api) + ": " + serverWords(api));
      return;
    }
    parts.add(
        e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String object(KubernetesClientException e) {
    String kind =
        e.getStatus() != null && e.getStatus().getDetails() != null
            ? e.getStatus().getDetails().getKind()
            : null;
    String what = kind != null ? kind : e.getResourcePlural();
    String name = e.getName();
    if (name == null && e.getStatus() != null && e.getStatus().getDetails() != null) {
      name = e.getStatus().getDetails().getName();
    }
    String namespaced =
        (e.getNamespace() == null ? "" : e.getNamespace() + "/") + (name == null ? "" : name);
    return (what == null ? "request" : what) + (namespaced.isEmpty() ? "" : " " + namespaced);
  }

  private static String serverWords(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage() + " (HTTP " + e.getCode() + ")";
    }
    return e.getMessage() == null
        ? "HTTP " + e.getCode()
        : e.getMessage().lines().findFirst().orElse("");
  }
}
