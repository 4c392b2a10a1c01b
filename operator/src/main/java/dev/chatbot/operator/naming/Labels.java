package dev.chatbot.operator.naming;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import java.util.LinkedHashMap;
import java.util.Map;

/** The recommended Kubernetes labels, and the annotations the operator writes. */
public final class Labels {

  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String PART_OF = "app.kubernetes.io/part-of";

  public static final String APP_NAME = "chatbot";
  public static final String OPERATOR = "chatbot-operator";

  /** Pod template annotation: hash of the rendered template without this annotation. */
  public static final String REVISION = "chatbot.dev/revision";

  /** Pod template annotation: hash of the Secrets/ConfigMaps the pod reads. */
  public static final String INPUTS_HASH = "chatbot.dev/inputs-hash";

  /** CR annotation: deploy a stored revision, or "previous". */
  public static final String ROLLBACK_TO = "chatbot.dev/rollback-to";

  /** CR annotation: any change retries a revision that failed. */
  public static final String RETRY = "chatbot.dev/retry";

  private Labels() {}

  /** Labels on every object of this CR. */
  public static Map<String, String> common(ChatbotDeployment cr) {
    Map<String, String> labels = new LinkedHashMap<>(selector(cr));
    labels.put(COMPONENT, "chat");
    labels.put(PART_OF, APP_NAME);
    labels.put(MANAGED_BY, OPERATOR);
    return labels;
  }

  /**
   * The pod selector; never changes for the life of a CR because Deployment selectors are
   * immutable.
   */
  public static Map<String, String> selector(ChatbotDeployment cr) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, APP_NAME);
    labels.put(INSTANCE, cr.getMetadata().getName());
    return labels;
  }
}
