package dev.chatbot.operator.policy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a hand edit added to the live pod template that the operator never sets: extra containers or
 * volumes, host namespaces, hostPath, added capabilities, privileged mode, host ports. Server-side
 * apply only corrects the fields the operator owns, so these would survive it and let the pod stop
 * passing Pod Security "restricted". Pure.
 */
public final class PodTemplateDrift {

  private PodTemplateDrift() {}

  /**
   * One line per foreign field of {@code live} that {@code desired} does not have; empty if none.
   */
  public static List<String> foreign(PodTemplateSpec desired, PodTemplateSpec live) {
    PodSpec want = desired == null || desired.getSpec() == null ? new PodSpec() : desired.getSpec();
    PodSpec have = live == null || live.getSpec() == null ? new PodSpec() : live.getSpec();
    List<String> found = new ArrayList<>();
    extra("container", names(want.getContainers()), names(have.getContainers()), found);
    extra(
        "init container", names(want.getInitContainers()), names(have.getInitContainers()), found);
    Set<String> volumes =
        list(want.getVolumes()).stream().map(Volume::getName).collect(Collectors.toSet());
    for (Volume v : list(have.getVolumes())) {
      if (!volumes.contains(v.getName())) {
        found.add("extra volume " + v.getName());
      } else if (v.getHostPath() != null) {
        found.add("hostPath volume " + v.getName());
      }
    }
    hostNamespace("hostNetwork", want.getHostNetwork(), have.getHostNetwork(), found);
    hostNamespace("hostPID", want.getHostPID(), have.getHostPID(), found);
    hostNamespace("hostIPC", want.getHostIPC(), have.getHostIPC(), found);
    Stream.concat(list(have.getInitContainers()).stream(), list(have.getContainers()).stream())
        .forEach(c -> container(c, found));
    return found;
  }

  private static void container(Container c, List<String> found) {
    SecurityContext sc = c.getSecurityContext();
    if (sc != null && Boolean.TRUE.equals(sc.getPrivileged())) {
      found.add("privileged container " + c.getName());
    }
    if (sc != null && Boolean.TRUE.equals(sc.getAllowPrivilegeEscalation())) {
      found.add("allowPrivilegeEscalation in container " + c.getName());
    }
    if (sc != null
        && sc.getCapabilities() != null
        && sc.getCapabilities().getAdd() != null
        && !sc.getCapabilities().getAdd().isEmpty()) {
      found.add(
          "capabilities.add " + sc.getCapabilities().getAdd() + " in container " + c.getName());
    }
    for (ContainerPort p : list(c.getPorts())) {
      if (p.getHostPort() != null && p.getHostPort() != 0) {
        found.add("hostPort " + p.getHostPort() + " in container " + c.getName());
      }
    }
  }

  private static void hostNamespace(String field, Boolean want, Boolean have, List<String> found) {
    if (Boolean.TRUE.equals(have) && !Boolean.TRUE.equals(want)) {
      found.add(field + ": true");
    }
  }

  private static void extra(String what, Set<String> want, Set<String> have, List<String> found) {
    have.stream()
        .filter(n -> !want.contains(n))
        .sorted()
        .forEach(n -> found.add("extra " + what + " " + n));
  }

  private static Set<String> names(List<Container> containers) {
    return list(containers).stream()
        .map(Container::getName)
        .filter(Objects::nonNull)
        .collect(Collectors.toSet());
  }

  private static <T> List<T> list(List<T> l) {
    return l == null ? List.of() : l;
  }
}
