package dev.chatbot.app.model;

import dev.chatbot.app.web.ApiException;

/**
 * Receives one streamed generation. Called from the model client's thread; after {@link
 * #onComplete} or {@link #onError} nothing more is called.
 */
public interface StreamListener {

  void onToken(String text);

  void onComplete(GeneratedAnswer answer);

  void onError(ApiException error);
}
