package dev.chatbot.operator.testing;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes Pod Security Standards "restricted" profile (which includes "baseline"), checked
 * on a PodSpec the way the PodSecurity admission controller would, without a cluster. Each
 * violation is "field.path: what is wrong". Linux pods only (no Windows exemptions).
 *
 * @see <a href="https://kubernetes.io/docs/concepts/security/pod-security-standards/">Pod Security
 *     Standards</a>
 */
public final class RestrictedPodSecurityCheck {

  static final Set<String> ALLOWED_VOLUME_TYPES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");
  static final Set<String> SAFE_SYSCTLS =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");
  static final Set<String> ALLOWED_SELINUX_TYPES =
      Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");
  static final Set<String> RESTRICTED_SECCOMP = Set.of("RuntimeDefault", "Localhost");

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** A container of any kind (regular, init, ephemeral) with its field path. */
  private record AnyContainer(
      String path, SecurityContext securityContext, List<ContainerPort> ports) {}

  private RestrictedPodSecurityCheck() {}

  /** Every way the pod breaks the restricted profile; empty when it would be admitted. */
  public static List<String> violations(PodSpec pod) {
    List<String> out = new ArrayList<>();
    hostNamespaces(pod, out);
    volumes(pod, out);
    PodSecurityContext podContext =
        pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
    podLevel(podContext, out);
    List<AnyContainer> containers = containers(pod);
    boolean podNonRoot = Boolean.TRUE.equals(podContext.getRunAsNonRoot());
    boolean podSeccomp = restrictedSeccomp(podContext.getSeccompProfile());
    for (AnyContainer c : containers) {
      container(c, podNonRoot, podSeccomp, out);
    }
    return out;
  }

  private static void hostNamespaces(PodSpec pod, List<String> out) {
    forbidTrue("spec.hostNetwork", pod.getHostNetwork(), out);
    forbidTrue("spec.hostPID", pod.getHostPID(), out);
    forbidTrue("spec.hostIPC", pod.getHostIPC(), out);
  }

  @SuppressWarnings("unchecked")
  private static void volumes(PodSpec pod, List<String> out) {
    List<Volume> volumes = pod.getVolumes() == null ? List.of() : pod.getVolumes();
    for (int i = 0; i < volumes.size(); i++) {
      Map<String, Object> fields = SERIALIZATION.convertValue(volumes.get(i), Map.class);
      for (String type : fields.keySet()) {
        if (!"name".equals(type) && !ALLOWED_VOLUME_TYPES.contains(type)) {
          out.add("spec.volumes[" + i + "]." + type + ": volume type not allowed");
        }
      }
    }
  }

  private static void podLevel(PodSecurityContext ctx, List<String> out) {
    String path = "spec.securityContext";
    if (ctx.getRunAsUser() != null && ctx.getRunAsUser() == 0L) {
      out.add(path + ".runAsUser: must not be 0");
    }
    if (Boolean.FALSE.equals(ctx.getRunAsNonRoot())) {
      out.add(path + ".runAsNonRoot: must not be false");
    }
    SeccompProfile seccomp = ctx.getSeccompProfile();
    if (seccomp != null && !RESTRICTED_SECCOMP.contains(seccomp.getType())) {
      out.add(path + ".seccompProfile.type: must be RuntimeDefault or Localhost");
    }
    hostOptions(
        path, ctx.getWindowsOptions(), ctx.getAppArmorProfile(), ctx.getSeLinuxOptions(), out);
    if (ctx.getSysctls() != null) {
      for (int i = 0; i < ctx.getSysctls().size(); i++) {
        if (!SAFE_SYSCTLS.contains(ctx.getSysctls().get(i).getName())) {
          out.add(path + ".sysctls[" + i + "].name: not a safe sysctl");
        }
      }
    }
  }

  private static void container(
      AnyContainer c, boolean podNonRoot, boolean podSeccomp, List<String> out) {
    SecurityContext ctx = c.securityContext() == null ? new SecurityContext() : c.securityContext();
    String path = c.path() + ".securityContext";
    forbidTrue(path + ".privileged", ctx.getPrivileged(), out);
    if (!Boolean.FALSE.equals(ctx.getAllowPrivilegeEscalation())) {
      out.add(path + ".allowPrivilegeEscalation: must be false");
    }
    if (Boolean.FALSE.equals(ctx.getRunAsNonRoot())
        || (!podNonRoot && !Boolean.TRUE.equals(ctx.getRunAsNonRoot()))) {
      out.add(path + ".runAsNonRoot: must be true (here or on the pod)");
    }
    if (ctx.getRunAsUser() != null && ctx.getRunAsUser() == 0L) {
      out.add(path + ".runAsUser: must not be 0");
    }
    SeccompProfile seccomp = ctx.getSeccompProfile();
    if (seccomp != null ? !restrictedSeccomp(seccomp) : !podSeccomp) {
      out.add(
          path + ".seccompProfile.type: must be RuntimeDefault or Localhost (here or on the pod)");
    }
    capabilities(path + ".capabilities", ctx.getCapabilities(), out);
    if (ctx.getProcMount() != null && !"Default".equals(ctx.getProcMount())) {
      out.add(path + ".procMount: must be Default");
    }
    hostOptions(
        path, ctx.getWindowsOptions(), ctx.getAppArmorProfile(), ctx.getSeLinuxOptions(), out);
    List<ContainerPort> ports = c.ports() == null ? List.of() : c.ports();
    for (int i = 0; i < ports.size(); i++) {
      Integer hostPort = ports.get(i).getHostPort();
      if (hostPort != null && hostPort != 0) {
        out.add(c.path() + ".ports[" + i + "].hostPort: must be unset or 0");
      }
    }
  }

  private static void capabilities(String path, Capabilities caps, List<String> out) {
    List<String> drop = caps == null || caps.getDrop() == null ? List.of() : caps.getDrop();
    List<String> add = caps == null || caps.getAdd() == null ? List.of() : caps.getAdd();
    if (!drop.contains("ALL")) {
      out.add(path + ".drop: must include ALL");
    }
    for (int i = 0; i < add.size(); i++) {
      if (!"NET_BIND_SERVICE".equals(add.get(i))) {
        out.add(path + ".add[" + i + "]: only NET_BIND_SERVICE may be added");
      }
    }
  }

  /** Checks the pod and a container context share: Windows host process, AppArmor, SELinux. */
  private static void hostOptions(
      String path,
      io.fabric8.kubernetes.api.model.WindowsSecurityContextOptions windows,
      io.fabric8.kubernetes.api.model.AppArmorProfile appArmor,
      io.fabric8.kubernetes.api.model.SELinuxOptions seLinux,
      List<String> out) {
    if (windows != null) {
      forbidTrue(path + ".windowsOptions.hostProcess", windows.getHostProcess(), out);
    }
    if (appArmor != null && "Unconfined".equals(appArmor.getType())) {
      out.add(path + ".appArmorProfile.type: must not be Unconfined");
    }
    if (seLinux != null) {
      seLinux(path, seLinux.getType(), seLinux.getUser(), seLinux.getRole(), out);
    }
  }

  private static void seLinux(
      String path, String type, String user, String role, List<String> out) {
    if (type != null && !ALLOWED_SELINUX_TYPES.contains(type)) {
      out.add(path + ".seLinuxOptions.type: not an allowed SELinux type");
    }
    if (user != null && !user.isEmpty()) {
      out.add(path + ".seLinuxOptions.user: must be empty");
    }
    if (role != null && !role.isEmpty()) {
      out.add(path + ".seLinuxOptions.role: must be empty");
    }
  }

  private static boolean restrictedSeccomp(SeccompProfile profile) {
    return profile != null && RESTRICTED_SECCOMP.contains(profile.getType());
  }

  private static void forbidTrue(String path, Boolean value, List<String> out) {
    if (Boolean.TRUE.equals(value)) {
      out.add(path + ": must be unset or false");
    }
  }

  private static List<AnyContainer> containers(PodSpec pod) {
    List<AnyContainer> out = new ArrayList<>();
    if (pod.getContainers() != null) {
      for (int i = 0; i < pod.getContainers().size(); i++) {
        var c = pod.getContainers().get(i);
        out.add(
            new AnyContainer("spec.containers[" + i + "]", c.getSecurityContext(), c.getPorts()));
      }
    }
    if (pod.getInitContainers() != null) {
      for (int i = 0; i < pod.getInitContainers().size(); i++) {
        var c = pod.getInitContainers().get(i);
        out.add(
            new AnyContainer(
                "spec.initContainers[" + i + "]", c.getSecurityContext(), c.getPorts()));
      }
    }
    if (pod.getEphemeralContainers() != null) {
      for (int i = 0; i < pod.getEphemeralContainers().size(); i++) {
        var c = pod.getEphemeralContainers().get(i);
        out.add(
            new AnyContainer(
                "spec.ephemeralContainers[" + i + "]", c.getSecurityContext(), c.getPorts()));
      }
    }
    return out;
  }
}
