package dev.chatbot.app.model;

/** A generation under way; {@link #cancel()} stops the upstream call (the client went away). */
@FunctionalInterface
public interface Generation {

  Generation FINISHED = () -> {};

  void cancel();
}
