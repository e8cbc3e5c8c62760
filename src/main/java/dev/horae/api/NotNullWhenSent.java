package dev.horae.api;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidNullException;

/**
 * For a member that may be left out but, when sent, must be what the document says (an object):
 * an explicit {@code null} is refused as it is read, a 400 naming the member ("must not be null"),
 * while leaving the member out still means its default. Put on the member with
 * {@code @JsonDeserialize(using = NotNullWhenSent.class)}.
 */
public final class NotNullWhenSent extends ValueDeserializer<Object> {
  private final JavaType type;
  private final PropertyName name;

  public NotNullWhenSent() {
    this(null, null);
  }

  private NotNullWhenSent(JavaType type, PropertyName name) {
    this.type = type;
    this.name = name;
  }

  @Override
  public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
    return property == null ? this : new NotNullWhenSent(property.getType(), property.getFullName());
  }

  @Override
  public Object deserialize(JsonParser p, DeserializationContext ctxt) {
    return ctxt.readValue(p, type);
  }

  @Override
  public Object getNullValue(DeserializationContext ctxt) {
    throw InvalidNullException.from(ctxt, name, type);
  }

  @Override
  public Object getAbsentValue(DeserializationContext ctxt) {
    return null;
  }
}
