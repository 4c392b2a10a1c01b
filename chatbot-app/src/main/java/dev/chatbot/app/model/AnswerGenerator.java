package dev.chatbot.app.model;

import java.util.function.Consumer;

/** Produces the assistant's answer to a {@link Prompt}; one implementation per provider. */
public interface AnswerGenerator {

  GeneratedAnswer generate(Prompt prompt);

  /** Like {@link #generate} but hands each piece of text to {@code onToken} as it arrives. */
  GeneratedAnswer stream(Prompt prompt, Consumer<String> onToken);
}
