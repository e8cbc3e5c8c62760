package dev.horae.dav;

/**
 * A CalDAV request refused: its HTTP status, the WebDAV/CalDAV precondition it fails (a qualified
 * element name such as {@code C:no-uid-conflict}, or null), and why, in words. The servlet writes it
 * as a {@code DAV:error} body (RFC 4918 §16).
 */
final class DavProblem extends RuntimeException {
  final int status;
  final String precondition;

  DavProblem(int status, String precondition, String message) {
    super(message, null, false, false);
    this.status = status;
    this.precondition = precondition;
  }
}
