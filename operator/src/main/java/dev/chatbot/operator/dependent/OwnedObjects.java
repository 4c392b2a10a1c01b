package dev.chatbot.operator.dependent;

import dev.chatbot.operator.naming.Labels;

/** Informers cache only objects this operator manages, not every object of a kind. */
final class OwnedObjects {
  static final String SELECTOR = Labels.MANAGED_BY + "=" + Labels.OPERATOR;

  private OwnedObjects() {}
}
