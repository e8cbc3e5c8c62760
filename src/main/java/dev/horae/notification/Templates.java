package dev.horae.notification;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The wording of messages as Mustache templates (jmustache): a default per kind, which a tenant may
 * replace (subject, text and HTML). The HTML part escapes every value; the subject and the text
 * part take them as they are. The variables: {@code title}, {@code lead}, {@code when}, {@code
 * wasWhen}, {@code repeats}, {@code where}, {@code wasWhere}, {@code message}, {@code sender},
 * {@code footer}, and {@code cancelled}; one that is empty or absent is false in a section.
 */
final class Templates {
  static final int MAX = 20_000;

  record Template(String subject, String text, String html) {}

  private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).defaultValue("").emptyStringIsFalse(true);
  private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true).defaultValue("").emptyStringIsFalse(true);

  private static final String TEXT_BODY = """
      {{lead}}

      When: {{when}}
      {{#wasWhen}}  (was: {{wasWhen}})
      {{/wasWhen}}{{#repeats}}Repeats: {{repeats}}
      {{/repeats}}{{#where}}Where: {{where}}
      {{/where}}{{#wasWhere}}  (was: {{wasWhere}})
      {{/wasWhere}}{{#message}}
      {{message}}
      {{/message}}
      {{footer}}

      --\s
      {{sender}}
      """;

  private static final String HTML_BODY = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{{title}}</title></head>"
      + "<body style=\"font-family:Helvetica,Arial,sans-serif;color:#1d1d1f;max-width:600px;margin:24px auto\">"
      + "<h2 style=\"margin:0 0 16px 0{{#cancelled}};text-decoration:line-through{{/cancelled}}\">{{title}}</h2>"
      + "<p>{{lead}}</p><table style=\"border-collapse:collapse\">"
      + "<tr><th style=\"text-align:left;padding:4px 16px 4px 0;vertical-align:top\">When</th><td style=\"padding:4px 0\">{{when}}"
      + "{{#wasWhen}}<br><span style=\"color:#6e6e73;text-decoration:line-through\">{{wasWhen}}</span>{{/wasWhen}}</td></tr>"
      + "{{#repeats}}<tr><th style=\"text-align:left;padding:4px 16px 4px 0;vertical-align:top\">Repeats</th><td style=\"padding:4px 0\">{{repeats}}</td></tr>{{/repeats}}"
      + "{{#where}}<tr><th style=\"text-align:left;padding:4px 16px 4px 0;vertical-align:top\">Where</th><td style=\"padding:4px 0\">{{where}}"
      + "{{#wasWhere}}<br><span style=\"color:#6e6e73;text-decoration:line-through\">{{wasWhere}}</span>{{/wasWhere}}</td></tr>{{/where}}"
      + "</table>{{#message}}<p style=\"white-space:pre-wrap;border-left:3px solid #0a84ff;padding-left:12px\">{{message}}</p>{{/message}}"
      + "<p style=\"color:#6e6e73;font-size:13px\">{{sender}}</p></body></html>";

  static final Map<NotificationKind, Template> DEFAULTS = new EnumMap<>(Map.of(
      NotificationKind.INVITATION, new Template("Invitation: {{title}} - {{when}}", TEXT_BODY, HTML_BODY),
      NotificationKind.UPDATE, new Template("Updated: {{title}} - {{when}}", TEXT_BODY, HTML_BODY),
      NotificationKind.CANCELLATION, new Template("Cancelled: {{title}} - {{when}}", TEXT_BODY, HTML_BODY)));

  private Templates() {}

  static Wording.Message render(Template t, Map<String, Object> model) {
    String subject = TEXT.compile(t.subject()).execute(model).replaceAll("[\\r\\n]+", " ").strip();
    return new Wording.Message(subject, TEXT.compile(t.text()).execute(model), HTML.compile(t.html()).execute(model));
  }

  /** Why {@code template} is not a template, if it is not. */
  static Optional<String> problem(String template) {
    try {
      TEXT.compile(template);
      return Optional.empty();
    } catch (MustacheException e) {
      return Optional.of("is not a Mustache template: " + e.getMessage());
    }
  }
}
