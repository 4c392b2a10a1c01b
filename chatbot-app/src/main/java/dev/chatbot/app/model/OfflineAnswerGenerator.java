package dev.chatbot.app.model;

import dev.chatbot.app.documents.Passage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** No language model: the answer is the retrieved passages, numbered to match the citations. */
public class OfflineAnswerGenerator implements AnswerGenerator {

  static final String PREFIX = "Offline mode (no language model configured). From your documents:";
  static final String NO_DOCUMENTS =
      "Offline mode (no language model configured). No passage of your documents matches this"
          + " question well enough to answer from it. Ask about their content, or upload a .txt,"
          + " .md or .pdf file first.";

  private static final Pattern WORDS = Pattern.compile("\\S+\\s*|\\s+");

  @Override
  public GeneratedAnswer generate(Prompt prompt) {
    return new GeneratedAnswer(compose(prompt.passages()), 0, 0);
  }

  @Override
  public Generation stream(Prompt prompt, StreamListener listener) {
    // Composing is in-process and instant: the caller's thread does it, nothing to cancel.
    String text = compose(prompt.passages());
    Matcher words = WORDS.matcher(text);
    while (words.find()) {
      listener.onToken(words.group());
    }
    listener.onComplete(new GeneratedAnswer(text, 0, 0));
    return Generation.FINISHED;
  }

  static String compose(List<Passage> passages) {
    if (passages.isEmpty()) {
      return NO_DOCUMENTS;
    }
    StringBuilder answer = new StringBuilder(PREFIX);
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      answer
          .append("\n\n[")
          .append(i + 1)
          .append("] ")
          .append(p.text().strip())
          .append(" (")
          .append(p.documentName())
          .append(')');
    }
    return answer.toString();
  }
}
