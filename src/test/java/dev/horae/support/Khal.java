package dev.horae.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Debian's khal, reading a folder of .ics files (as vdirsyncer writes them) in Europe/Berlin. */
public final class Khal {
  private Khal() {}

  /** Lists {@code days} days from {@code from} of the folder {@code dir/local/}, as "start end title" lines. */
  public static Programs.Run list(Path dir, Map<String, String> env, String from, String days) throws IOException {
    Path config = dir.resolve("khal.conf");
    Files.writeString(config, """
        [calendars]
        [[folder]]
        path = %1$s/local/
        type = calendar

        [locale]
        timeformat = %%H:%%M
        dateformat = %%Y-%%m-%%d
        longdateformat = %%Y-%%m-%%d
        datetimeformat = %%Y-%%m-%%d %%H:%%M
        longdatetimeformat = %%Y-%%m-%%d %%H:%%M
        local_timezone = Europe/Berlin
        default_timezone = Europe/Berlin

        [sqlite]
        path = %1$s/khal.db
        """.formatted(dir));
    return Programs.run(dir, env, List.of("/usr/bin/khal", "-c", config.toString(), "list", "--format", "{start} {end} {title}", from, days));
  }
}
