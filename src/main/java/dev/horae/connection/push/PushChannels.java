package dev.horae.connection.push;

import dev.horae.connection.Connection;
import dev.horae.connection.account.CalendarAccount;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.connection.oauth.OAuthProviders;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import dev.horae.storage.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Push channels on imported calendars (Google watch channels, Graph subscriptions). Each sync keeps
 * one live channel per imported calendar: created when missing; when it expires within {@code
 * horae.push.renew-before} (1 day) extended where the provider allows (Graph) or replaced by a new
 * one (Google); stopped when the calendar is no longer imported or the connection ends. Each channel's token names its tenant and carries an HMAC of tenant and id under Horae's signing
 * key, so a notification proves itself without a stored secret. A provider refusing a channel (Google wants
 * a public https address) only costs latency: the periodic poll goes on regardless. {@code
 * horae.push.enabled=false} turns channels off.
 */
@Component
public class PushChannels {
  private static final Logger log = LoggerFactory.getLogger(PushChannels.class);
  private final JdbcClient jdbc;
  private final SecretBox box;
  private final OAuthProviders providers;
  private final Clock clock;
  private final boolean enabled;
  private final Duration lifetime;
  private final Duration renewBefore;

  PushChannels(JdbcClient jdbc, SecretBox box, OAuthProviders providers, Clock clock, PushProperties settings) {
    this.jdbc = jdbc;
    this.box = box;
    this.providers = providers;
    this.clock = clock;
    this.enabled = settings.enabled();
    this.lifetime = settings.lifetime();
    this.renewBefore = settings.renewBefore();
  }

  public record Stored(String id, TenantId tenant, UUID connection, String calendarId, String resourceId, Instant expires) {
    CalendarAccount.Channel channel() {
      return new CalendarAccount.Channel(id, resourceId, expires);
    }
  }

  /**
   * The token a notification of this channel must carry: the tenant, then an HMAC of tenant and
   * channel id, so a notification names the tenant whose rows it concerns before anything is read.
   */
  public String token(TenantId tenant, String channelId) {
    return tenant.value() + "." + box.sign(signed(tenant, channelId));
  }

  private static String signed(TenantId tenant, String channelId) {
    return "push-channel:" + tenant.value() + ":" + channelId;
  }

  /**
   * Whether {@code token} is the token of the channel; {@code tenant} is the one it names, or null
   * for a channel made before tokens named their tenant (renewed within horae.push.lifetime).
   */
  private boolean carries(String token, TenantId tenant, String channelId) {
    return tenant == null ? box.verify("push-channel:" + channelId, token)
        : box.verify(signed(tenant, channelId), token.substring(token.indexOf('.') + 1));
  }

  /** The channel a Google notification names, if its token is right (checked before anything is read). */
  public Optional<Stored> verified(String channelId, String token) {
    if (channelId == null || token == null) {
      return Optional.empty();
    }
    TenantId tenant = tenantOf(token).orElse(null);
    if (!carries(token, tenant, channelId)) {
      return Optional.empty();
    }
    return tenant == null ? jdbc.sql("select * from push_channel where id = ?").params(channelId).query(this::row).optional()
        : jdbc.sql("select * from push_channel where tenant_id = ? and id = ?").params(tenant.value(), channelId).query(this::row).optional();
  }

  /** The channel holding a provider's subscription id (Graph names its own id in notifications), if the clientState is its token. */
  public Optional<Stored> verifiedByResource(String resourceId, String token) {
    if (resourceId == null || token == null) {
      return Optional.empty();
    }
    TenantId tenant = tenantOf(token).orElse(null);
    Optional<Stored> channel = tenant == null
        ? jdbc.sql("select * from push_channel where resource_id = ?").params(resourceId).query(this::row).optional()
        : jdbc.sql("select * from push_channel where tenant_id = ? and resource_id = ?").params(tenant.value(), resourceId)
            .query(this::row).optional();
    return channel.filter(c -> carries(token, tenant, c.id()));
  }

  private static Optional<TenantId> tenantOf(String token) {
    int dot = token.indexOf('.');
    return dot < 0 ? Optional.empty() : Uuids.parse(token.substring(0, dot)).map(TenantId::new);
  }

  /** Marks a channel for renewal at the next sync (Graph's reauthorizationRequired). */
  public void renewSoon(Stored c) {
    jdbc.sql("update push_channel set expires_at = ? where tenant_id = ? and id = ?").params(Instants.utc(clock.instant()), c.tenant().value(), c.id())
        .update();
  }

  /** Forgets a channel the provider removed (Graph's subscriptionRemoved); the next sync makes a new one. */
  public void forget(Stored c) {
    jdbc.sql("delete from push_channel where tenant_id = ? and id = ?").params(c.tenant().value(), c.id()).update();
  }

  /** Keeps a live channel on the calendar: made when missing, replaced before it expires. */
  public void keep(TenantId tenant, Connection c, CalendarAccount.Push accounts, String calendarId) throws ProviderRefusal {
    if (!enabled) {
      return;
    }
    Optional<Stored> current = jdbc.sql("select * from push_channel where tenant_id = ? and connection_id = ? and calendar_id = ? order by expires_at desc limit 1")
        .params(tenant.value(), c.id(), calendarId).query(this::row).optional();
    Instant now = clock.instant();
    if (current.isPresent() && current.get().expires().isAfter(now.plus(renewBefore))) {
      return;
    }
    if (current.isPresent()) {
      try {
        CalendarAccount.Channel renewed = accounts.renew(current.get().channel(), now.plus(lifetime));
        if (renewed != null) {
          jdbc.sql("update push_channel set expires_at = ? where tenant_id = ? and id = ?")
              .params(Instants.utc(renewed.expires()), tenant.value(), current.get().id()).update();
          return;
        }
      } catch (ProviderRefusal refused) {
        if (refused.reason() == ProviderRefusal.Reason.BAD_CREDENTIALS) {
          throw refused;
        }
        // gone or refused: make a new one
      }
    }
    String id = Ids.newUuid().toString();
    CalendarAccount.Channel made;
    try {
      made = accounts.watch(calendarId, id, providers.pushUrl(c.providerId()), token(tenant, id), now.plus(lifetime));
    } catch (ProviderRefusal refused) {
      if (refused.reason() == ProviderRefusal.Reason.BAD_CREDENTIALS) {
        throw refused;
      }
      log.info("No push channel for connection {} ({}): polling only", c.id(), refused.getMessage());
      return;
    }
    jdbc.sql("insert into push_channel (id, tenant_id, connection_id, calendar_id, resource_id, expires_at, created_at) values (?, ?, ?, ?, ?, ?, ?)")
        .params(id, tenant.value(), c.id(), calendarId, made.resourceId(), Instants.utc(made.expires()), Instants.utc(now)).update();
    current.ifPresent(old -> stop(accounts, old));
  }

  /** Stops the channels of calendars no longer imported. */
  public void keepOnly(TenantId tenant, Connection c, CalendarAccount.Push accounts, List<String> calendarIds) {
    for (Stored s : all(tenant, c.id())) {
      if (!calendarIds.contains(s.calendarId())) {
        stop(accounts, s);
      }
    }
  }

  /** Stops every channel of the connection (disconnect); a provider that cannot be reached lets them expire. */
  public void stopAll(TenantId tenant, UUID connection, CalendarAccount.Push accounts) {
    for (Stored s : all(tenant, connection)) {
      stop(accounts, s);
    }
  }

  private void stop(CalendarAccount.Push accounts, Stored s) {
    try {
      accounts.unwatch(s.channel());
    } catch (ProviderRefusal e) {
      log.info("Push channel {} not stopped ({}); it expires by itself", s.id(), e.getMessage());
    }
    jdbc.sql("delete from push_channel where tenant_id = ? and id = ?").params(s.tenant().value(), s.id()).update();
  }

  private List<Stored> all(TenantId tenant, UUID connection) {
    return jdbc.sql("select * from push_channel where tenant_id = ? and connection_id = ?").params(tenant.value(), connection).query(this::row).list();
  }

  private Stored row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Stored(rs.getString("id"), new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getObject("connection_id", UUID.class),
        rs.getString("calendar_id"), rs.getString("resource_id"), rs.getObject("expires_at", OffsetDateTime.class).toInstant());
  }
}
