package dev.chatbot.operator.reconciler;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.ImageStatus;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/**
 * Re-triggers a CR's reconcile when its tag resolution finished (or a refresh fell due), so that
 * reconcile threads never wait on a registry.
 */
public class ImageResolutionEvents extends AbstractEventSource<ImageStatus, ChatbotDeployment> {

  public ImageResolutionEvents() {
    super(ImageStatus.class, "image-resolutions");
  }

  /** It carries no resources: it only says "reconcile this CR now". */
  @Override
  public Set<ImageStatus> getSecondaryResources(ChatbotDeployment primary) {
    return Set.of();
  }

  public void trigger(ResourceID cr) {
    if (isRunning()) {
      getEventHandler().handleEvent(new Event(cr));
    }
  }
}
