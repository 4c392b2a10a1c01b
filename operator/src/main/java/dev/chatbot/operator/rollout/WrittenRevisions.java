package dev.chatbot.operator.rollout;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read-your-writes over the ControllerRevision informer: what this process wrote (the API server's
 * answer to each create and patch) and deleted, laid over the informer's copy until the informer
 * has caught up. A failure recorded by one reconcile is then seen by the next, however late the
 * watch event arrives: the guarantee the former fresh LIST per reconcile gave, without the LIST.
 * Newer resourceVersion wins (etcd's are increasing integers; JOSDK compares them the same way).
 */
public final class WrittenRevisions {

  /** A written object, or a deletion (object null) of the given name. */
  private record Written(ControllerRevision object) {}

  private final Map<String, Written> written = new ConcurrentHashMap<>();

  void wrote(ControllerRevision answer) {
    written.put(key(answer), new Written(answer));
  }

  void deleted(ControllerRevision gone) {
    written.put(key(gone), new Written(null));
  }

  /** The informer's revisions of one namespace with this process's writes laid over them. */
  List<ControllerRevision> over(String namespace, List<ControllerRevision> cached) {
    Map<String, ControllerRevision> merged = new LinkedHashMap<>();
    cached.forEach(r -> merged.put(key(r), r));
    written.forEach(
        (key, mine) -> {
          if (!key.startsWith(namespace + "/")) {
            return;
          }
          ControllerRevision seen = merged.get(key);
          if (mine.object() == null) {
            if (seen == null) {
              written.remove(key, mine); // the informer has seen the deletion too
            } else {
              merged.remove(key);
            }
          } else if (seen != null && !newer(mine.object(), seen)) {
            written.remove(key, mine); // caught up
          } else {
            merged.put(key, mine.object());
          }
        });
    return new ArrayList<>(merged.values());
  }

  /** Objects still laid over the informer (tests). */
  int pending() {
    return written.size();
  }

  private static boolean newer(ControllerRevision mine, ControllerRevision seen) {
    Optional<Long> a = version(mine);
    Optional<Long> b = version(seen);
    return a.isPresent() && b.isPresent()
        ? a.get() > b.get()
        : !mine.getMetadata().getResourceVersion().equals(seen.getMetadata().getResourceVersion());
  }

  private static Optional<Long> version(ControllerRevision r) {
    try {
      return Optional.of(Long.parseLong(r.getMetadata().getResourceVersion()));
    } catch (NumberFormatException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static String key(ControllerRevision r) {
    return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
  }
}
