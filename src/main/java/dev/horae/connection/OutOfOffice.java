package dev.horae.connection;

/** How an out-of-office event (Google's eventType outOfOffice, Graph's showAs oof) counts in busy time. */
public enum OutOfOffice {
  BUSY,
  FREE
}
