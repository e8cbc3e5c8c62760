package dev.horae.shared;

/**
 * One field of a partial change: either absent (keep the current value, or inherit a default) or
 * present with a value, where a present {@code null} means "make it empty".
 */
public record Change<T>(boolean present, T value) {
  private static final Change<?> ABSENT = new Change<>(false, null);

  @SuppressWarnings("unchecked")
  public static <T> Change<T> absent() {
    return (Change<T>) ABSENT;
  }

  public static <T> Change<T> to(T value) {
    return new Change<>(true, value);
  }

  public T orElse(T current) {
    return present ? value : current;
  }

  public boolean setsValue() {
    return present && value != null;
  }
}
