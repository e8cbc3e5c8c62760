package dev.horae.feed;

/** What a feed shows of each event: everything a subscriber's calendar can hold, or only when the schedule is busy. */
public enum FeedPrivacy {
  /** Title, location, notes, attendees, status and transparency. */
  FULL,
  /** "Busy" for each opaque event: its times only; no titles, locations, notes or attendees, and transparent events left out. */
  BUSY
}
