package dev.horae.schedule;

import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import dev.horae.api.PresenceTracked;
import java.util.List;
import java.util.Map;

/** The {@code schedule} object of Create and Update Schedule requests. */
class ScheduleFields extends PresenceTracked {
  @Size(max = TextLimits.ID) String id;
  @Size(max = TextLimits.REVISION) String revision;
  @Size(max = TextLimits.EXTERNAL_ID) String externalId;
  @Size(max = TextLimits.NAME) String name;
  @Size(max = TextLimits.TIME_ZONE) String timeZone;
  Boolean businessTimeZoneEnabled;
  @Size(max = TextLimits.TITLE) String defaultTitle;
  @Valid Location defaultLocation;
  Integer defaultCapacity;
  @Valid ConferencingDetails defaultConferencingDetails;
  @Size(max = TextLimits.APP_ID) String appId;
  List<@Valid Permission> permissions;
  Map<String, Object> extendedFields;

  public void setId(String v) { id = v; }
  public void setRevision(String v) { revision = v; }
  public void setExternalId(String v) { externalId = v; mark("externalId"); }
  public void setName(String v) { name = v; mark("name"); }
  public void setTimeZone(String v) { timeZone = v; mark("timeZone"); }
  public void setBusinessTimeZoneEnabled(Boolean v) { businessTimeZoneEnabled = v; mark("businessTimeZoneEnabled"); }
  public void setDefaultTitle(String v) { defaultTitle = v; mark("defaultTitle"); }
  public void setDefaultLocation(Location v) { defaultLocation = v; mark("defaultLocation"); }
  public void setDefaultCapacity(Integer v) { defaultCapacity = v; mark("defaultCapacity"); }
  public void setDefaultConferencingDetails(ConferencingDetails v) { defaultConferencingDetails = v; mark("defaultConferencingDetails"); }
  public void setAppId(String v) { appId = v; mark("appId"); }
  public void setPermissions(List<Permission> v) { permissions = v; mark("permissions"); }
  public void setExtendedFields(Map<String, Object> v) { extendedFields = v; mark("extendedFields"); }

  ScheduleChanges changes() {
    return new ScheduleChanges(
        change("externalId", externalId),
        change("name", name),
        change("timeZone", timeZone),
        change("businessTimeZoneEnabled", businessTimeZoneEnabled),
        change("defaultTitle", defaultTitle),
        change("defaultLocation", defaultLocation),
        change("defaultCapacity", defaultCapacity),
        change("defaultConferencingDetails", defaultConferencingDetails),
        change("appId", appId),
        change("permissions", permissions),
        change("extendedFields", extendedFields));
  }
}
