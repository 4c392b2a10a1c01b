package dev.chatbot.operator.policy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runbook baseline (requests 500m/512Mi, limits 1 CPU/1Gi), overridden key by key by the CR. A
 * request above the default limit with no limit given lifts that limit to the request, since a pod
 * whose request exceeds its limit is refused by the API server.
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
    requests.forEach(
        (resource, request) -> {
          Quantity limit = limits.get(resource);
          if (!specLimits.containsKey(resource)
              && limit != null
              && Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit))
                  > 0) {
            limits.put(resource, request);
          }
        });
    return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
  }

  private static Map<String, Quantity> merge(
      Map<String, Quantity> defaults, Map<String, Quantity> overrides) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    defaults.keySet().stream().sorted().forEach(k -> out.put(k, defaults.get(k)));
    overrides.keySet().stream().sorted().forEach(k -> out.put(k, overrides.get(k)));
    return out;
  }
}
