package dev.chatbot.operator.testing;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.validation.ManifestReader;

/** Small CRs for reconcile tests, written as YAML users would write them. */
public final class CrYaml {

  public static final String DIGEST_A = "sha256:" + "a".repeat(64);
  public static final String DIGEST_B = "sha256:" + "b".repeat(64);

  private CrYaml() {}

  public static ChatbotDeployment yaml(String name, String spec) {
    return new ManifestReader()
        .read(
            "apiVersion: chatbot.dev/v1alpha1\nkind: ChatbotDeployment\nmetadata: {name: "
                + name
                + "}\nspec:\n"
                + spec.indent(2));
  }

  /**
   * A revision is known-good as soon as it is available: the mock-server tests play the Deployment
   * controller by hand and do not wait out a window (the window has its own tests).
   */
  public static final String NO_WINDOW = "stabilizationSeconds: 0";

  public static ChatbotDeployment minimal(String name, String digest) {
    return yaml(name, "image: {digest: \"" + digest + "\"}\nrollout: {" + NO_WINDOW + "}");
  }
}
