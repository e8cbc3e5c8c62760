package dev.horae.api;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.horae.shared.Change;
import java.util.HashSet;
import java.util.Set;

/**
 * A request body that remembers which of its properties the client actually sent.
 *
 * <p>Calendar V3 gives three meanings to a property: absent (keep, or inherit the default), {@code
 * null} (an empty value that overrides the default) and a value. Jackson calls a setter for a sent
 * {@code null} but never for an absent property, so each setter calls {@link #mark(String)}.
 *
 * <p>Its fields are visible to Jackson (which still sets them through the setters) so that the
 * OpenAPI document reads their constraints ({@code @Size} becomes {@code maxLength}).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public abstract class PresenceTracked {
  @JsonIgnore private final Set<String> present = new HashSet<>();

  protected final void mark(String property) {
    present.add(property);
  }

  /** The property as a {@link Change}: absent when the client did not send it. */
  protected final <T> Change<T> change(String property, T value) {
    return has(property) ? Change.to(value) : Change.absent();
  }

  /** Whether the client sent this property, possibly as {@code null}. */
  public final boolean has(String property) {
    return present.contains(property);
  }
}
