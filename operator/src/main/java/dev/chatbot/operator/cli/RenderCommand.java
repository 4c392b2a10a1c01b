package dev.chatbot.operator.cli;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.DigestPolicy;
import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.api.v1alpha1.ImageStatus;
import dev.chatbot.operator.desired.DesiredState;
import dev.chatbot.operator.desired.RenderFacts;
import dev.chatbot.operator.registry.CredentialKeyring;
import dev.chatbot.operator.registry.ImageDigestResolver;
import dev.chatbot.operator.registry.ImageName;
import dev.chatbot.operator.registry.RegistryException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Prints what the operator would create for a CR on an empty cluster, with no cluster at all. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description =
        "Print, as multi-document YAML, every object the operator would create for a"
            + " ChatbotDeployment on an empty cluster.")
final class RenderCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      description = "The ChatbotDeployment YAML ('-' for stdin).")
  Path file;

  @Option(
      names = {"-n", "--namespace"},
      description =
          "Namespace to render into, as the CR would be applied with kubectl -n (default: the"
              + " CR's own, else 'default').")
  String namespace;

  @Option(
      names = "--resolve",
      description = "Resolve image.tag to a digest through the registry (digestPolicy Resolve).")
  boolean resolve;

  @Option(
      names = "--registry-config",
      paramLabel = "FILE",
      description =
          "Docker config file with registry credentials for --resolve (default:"
              + " ~/.docker/config.json when it exists), matched like the kubelet matches pull"
              + " Secrets.")
  Path registryConfig;

  @Option(
      names = "--with-prometheus-operator",
      description = "Render as if the ServiceMonitor and PrometheusRule CRDs were installed.")
  boolean withPrometheusOperator;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (CrFile.unreadable(file, err)) {
      return CrFile.UNREADABLE;
    }
    ChatbotDeployment cr = CrFile.load(file, namespace, err);
    if (cr == null) {
      return CrFile.INVALID;
    }
    RenderFacts facts = RenderFacts.forEmptyCluster(cr);
    if (withPrometheusOperator) {
      facts = new RenderFacts(facts.image(), facts.inputsHash(), facts.rollbackTo(), true, true);
    }
    if (cr.getSpec().getImage().getDigest() == null) {
      if (cr.getSpec().getImage().getDigestPolicy() != DigestPolicy.Resolve || !resolve) {
        err.println(
            "error: spec.image.digest: no digest to pin; digestPolicy Resolve needs the registry:"
                + " run render --resolve, or set image.digest (FieldValueRequired)");
        return CrFile.INVALID;
      }
      try {
        CredentialKeyring keyring = RegistryConfigFile.read(registryConfig);
        ImageSpec image = cr.getSpec().getImage();
        String digest =
            ImageDigestResolver.standard()
                .resolve(image, keyring.find(ImageName.parse(image.getRepository())));
        facts = facts.withImage(new ImageStatus(digest, cr.getSpec().getImage().getTag()));
      } catch (RegistryException e) {
        err.println("error: spec.image.tag: " + e.failure() + ": " + e.getMessage());
        return CrFile.INVALID;
      } catch (java.io.IOException e) {
        err.println("error: --registry-config " + registryConfig + ": " + e.getMessage());
        return CrFile.UNREADABLE;
      }
    }
    KubernetesSerialization yaml = new KubernetesSerialization();
    PrintWriter out = spec.commandLine().getOut();
    for (HasMetadata object : DesiredState.of(cr, facts).all()) {
      String doc = yaml.asYaml(object);
      out.print(doc.startsWith("---") ? doc : "---\n" + doc);
    }
    out.flush();
    return CrFile.OK;
  }
}
