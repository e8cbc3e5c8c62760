package dev.horae.connection.account;

/** A copy Horae wrote: where ({@code ref}: a CalDAV href, the provider's event id) and at which ETag (null when the provider sent none). */
public record Written(String ref, String etag) {}
