package dev.horae.schedule;

/** A Wix user's role on a schedule or event (Calendar V3 {@code Permission}). */
public record Permission(Identity identity, Role role) {
  public record Identity(String wixUserId) {}

  public enum Role {
    WRITER,
    COMMENTER,
    UNKNOWN_ROLE
  }
}
