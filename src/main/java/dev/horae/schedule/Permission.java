package dev.horae.schedule;

import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
/** A Wix user's role on a schedule or event (Calendar V3 {@code Permission}). */
public record Permission(@Valid Identity identity, Role role) {
  public record Identity(@Size(max = TextLimits.ID) String wixUserId) {}

  public enum Role {
    WRITER,
    COMMENTER,
    UNKNOWN_ROLE
  }
}
