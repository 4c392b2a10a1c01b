package dev.chatbot.operator.policy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runbook baseline (requests 500m/512Mi, limits 1 CPU/1Gi), overridden key by key by the CR. A
 * default never leaves a request above its limit, which the API server would refuse.
 */
public final class ResourceDefaults {

  static final Map<String, Quantity> REQUESTS =
      Map.of("cpu", new Quantity("500m"), "memory", new Quantity("512Mi"));
  static final Map<String, Quantity> LIMITS =
      Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi"));

  private ResourceDefaults() {}

  public static ResourceRequirements apply(ResourceRequirements fromSpec) {
    Map<String, Quantity> specRequests =
        fromSpec == null || fromSpec.getRequests() == null ? Map.of() : fromSpec.getRequests();
    Map<String, Quantity> specLimits =
        fromSpec == null || fromSpec.getLimits() == null ? Map.of() : fromSpec.getLimits();
    Map<String, Quantity> requests = merge(REQUESTS, specRequests);
    Map<String, Quantity> limits = merge(LIMITS, specLimits);
    // Kubernetes refuses a request above its limit. A default never causes that: a default limit
    // rises to an explicit request, a default request drops to an explicit limit.
    for (String resource : requests.keySet()) {
      Quantity request = requests.get(resource);
      Quantity limit = limits.get(resource);
      if (limit == null || amount(request).compareTo(amount(limit)) <= 0) {
        continue;
      }
      if (!specLimits.containsKey(resource)) {
        limits.put(resource, request);
      } else if (!specRequests.containsKey(resource)) {
        requests.put(resource, limit);
      }
    }
    return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
  }

  private static java.math.BigDecimal amount(Quantity q) {
    return Quantity.getAmountInBytes(q);
  }

  private static Map<String, Quantity> merge(
      Map<String, Quantity> defaults, Map<String, Quantity> overrides) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    defaults.keySet().stream().sorted().forEach(k -> out.put(k, defaults.get(k)));
    overrides.keySet().stream().sorted().forEach(k -> out.put(k, overrides.get(k)));
    return out;
  }
}
