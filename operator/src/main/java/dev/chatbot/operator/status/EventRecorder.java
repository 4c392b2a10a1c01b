package dev.chatbot.operator.status;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events on a ChatbotDeployment so `kubectl describe cbd` tells what the operator
 * decided. An Event that cannot be written is logged and never fails a reconcile.
 */
public class EventRecorder {

  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void record(ChatbotDeployment cr, String type, String reason, String message) {
    create(
        cr,
        event(cr, type, reason, message)
            .editMetadata()
            .withGenerateName(cr.getMetadata().getName() + ".")
            .endMetadata()
            .build());
  }

  /**
   * Records an Event at most once per key and CR: its name is derived from both, so a second
   * attempt (a retried reconcile, a restarted operator) finds it already there.
   *
   * @return true if this call created it
   */
  public boolean recordOnce(
      ChatbotDeployment cr, String key, String type, String reason, String message) {
    String uid = cr.getMetadata().getUid() == null ? "" : cr.getMetadata().getUid();
    String name =
        cr.getMetadata().getName() + "." + key + "." + uid.substring(0, Math.min(8, uid.length()));
    return create(
        cr, event(cr, type, reason, message).editMetadata().withName(name).endMetadata().build());
  }

  private EventBuilder event(ChatbotDeployment cr, String type, String reason, String message) {
    String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    return new EventBuilder()
        .withNewMetadata()
        .withNamespace(cr.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(
            new ObjectReferenceBuilder()
                .withApiVersion(cr.getApiVersion())
                .withKind(cr.getKind())
                .withName(cr.getMetadata().getName())
                .withNamespace(cr.getMetadata().getNamespace())
                .withUid(cr.getMetadata().getUid())
                .withResourceVersion(cr.getMetadata().getResourceVersion())
                .build())
        .withType(type)
        .withReason(reason)
        .withMessage(message.length() > 1024 ? message.substring(0, 1021) + "..." : message)
        .withNewSource()
        .withComponent("chatbot-operator")
        .endSource()
        .withReportingComponent("chatbot.dev/operator")
        .withReportingInstance(System.getenv().getOrDefault("HOSTNAME", "chatbot-operator"))
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withCount(1);
  }

  private boolean create(ChatbotDeployment cr, io.fabric8.kubernetes.api.model.Event event) {
    try {
      client.v1().events().inNamespace(cr.getMetadata().getNamespace()).resource(event).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        log.warn(
            "could not record event reason={} on {}/{}: {}",
            event.getReason(),
            cr.getMetadata().getNamespace(),
            cr.getMetadata().getName(),
            e.getMessage());
      }
      return false;
    }
  }
}
