package dev.horae.notification;

import java.time.Instant;

/** Who a tenant's messages come from; a null member takes the service's default ({@link MailProperties}). */
record SenderSettings(String senderName, String fromAddress, String replyTo, long revision, Instant updatedDate) {}
