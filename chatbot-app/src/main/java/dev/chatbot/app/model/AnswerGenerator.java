package dev.chatbot.app.model;

/** Produces the assistant's answer to a {@link Prompt}; one implementation per provider. */
public interface AnswerGenerator {

  /** Blocks until the whole answer is there. */
  GeneratedAnswer generate(Prompt prompt);

  /**
   * Starts a streamed answer and returns at once: tokens reach {@code listener} as the model
   * produces them, on the model client's thread, so no request thread waits for the model.
   */
  Generation stream(Prompt prompt, StreamListener listener);
}
