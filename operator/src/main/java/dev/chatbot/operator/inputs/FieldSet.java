package dev.chatbot.operator.inputs;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One level of a managedFields field tree, read-only and in the server's order, held as one array
 * of keys and values. A LinkedHashMap costs ~180 bytes for a one-key level and ~60 for every empty
 * leaf; this costs ~40 and the leaves share one empty map. The order is kept because JOSDK's
 * server-side-apply matcher looks at a level's first key to tell a keyed list from a struct.
 */
final class FieldSet extends AbstractMap<String, Object> {

  private static final Map<String, Object> EMPTY = Map.of();

  private final Object[] keysAndValues;

  private FieldSet(Object[] keysAndValues) {
    this.keysAndValues = keysAndValues;
  }

  /** keysAndValues alternates key and value; an empty list gives the shared empty leaf. */
  static Map<String, Object> of(List<Object> keysAndValues) {
    return keysAndValues.isEmpty() ? EMPTY : new FieldSet(keysAndValues.toArray());
  }

  @Override
  public int size() {
    return keysAndValues.length / 2;
  }

  @Override
  public Object get(Object key) {
    int at = indexOf(key);
    return at < 0 ? null : keysAndValues[at + 1];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  private int indexOf(Object key) {
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return FieldSet.this.size();
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keysAndValues.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Entry<String, Object> entry =
                new SimpleImmutableEntry<>((String) keysAndValues[next], keysAndValues[next + 1]);
            next += 2;
            return entry;
          }
        };
      }
    };
  }
}
