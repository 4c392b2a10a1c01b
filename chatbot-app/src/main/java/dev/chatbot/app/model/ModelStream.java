package dev.chatbot.app.model;

import dev.chatbot.app.web.ApiException;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One streamed generation: forwards LangChain4j's callbacks to a {@link StreamListener} exactly
 * once to the end, enforces the whole-stream deadline, and cancels the upstream call through
 * LangChain4j's {@link StreamingHandle} when the client goes away. A cancelled stream is neither an
 * error log nor a model error: the model did nothing wrong.
 */
final class ModelStream implements StreamingChatResponseHandler, Generation {

  private final LanguageModelAnswerGenerator generator;
  private final StreamListener listener;
  private final long startNanos;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile StreamingHandle handle;
  private volatile ScheduledFuture<?> deadline;
  private boolean sawToken;

  ModelStream(LanguageModelAnswerGenerator generator, StreamListener listener, long startNanos) {
    this.generator = generator;
    this.listener = listener;
    this.startNanos = startNanos;
  }

  void armDeadline(ScheduledExecutorService timers, Duration after) {
    deadline =
        timers.schedule(
            () -> onError(new java.util.concurrent.TimeoutException("stream deadline")),
            after.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  @Override
  public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
    handle = context.streamingHandle();
    if (finished.get()) {
      handle.cancel();
      return;
    }
    if (!sawToken) {
      sawToken = true;
      generator.metrics().firstToken(generator.modelName(), elapsed());
    }
    listener.onToken(partial.text());
  }

  @Override
  public void onCompleteResponse(ChatResponse response) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    stopDeadline();
    GeneratedAnswer answer;
    try {
      answer = generator.answer(response);
    } catch (ApiException e) {
      generator.metrics().generation(generator.modelName(), "error", elapsed());
      listener.onError(e);
      return;
    }
    generator.metrics().generation(generator.modelName(), "ok", elapsed());
    listener.onComplete(answer);
  }

  @Override
  public void onError(Throwable error) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    stopDeadline();
    cancelUpstream();
    generator.metrics().generation(generator.modelName(), "error", elapsed());
    listener.onError(generator.failed(error));
  }

  /** The client went away: stop the model, report nothing. */
  @Override
  public void cancel() {
    if (finished.compareAndSet(false, true)) {
      stopDeadline();
      cancelUpstream();
      generator.metrics().generation(generator.modelName(), "cancelled", elapsed());
    }
  }

  private void cancelUpstream() {
    StreamingHandle h = handle;
    if (h != null) {
      h.cancel();
    }
  }

  private void stopDeadline() {
    ScheduledFuture<?> d = deadline;
    if (d != null) {
      d.cancel(false);
    }
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
