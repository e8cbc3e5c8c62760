package dev.horae.connection.caldav;

import dev.horae.shared.SafeXml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Server XML can't reach files or the network through entities. */
class SafeXmlTest {

  @Test
  void a_doctype_with_an_external_entity_is_refused() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>&x;</d:href></d:response></d:multistatus>";
    assertThatThrownBy(() -> SafeXml.parse(xxe.getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class).hasMessageContaining("DOCTYPE");
  }

  @Test
  void a_billion_laughs_is_refused_too() {
    String bomb = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><l>&b;</l>";
    assertThatThrownBy(() -> SafeXml.parse(bomb.getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
  }

  @Test
  void plain_webdav_xml_parses() throws IOException {
    var d = SafeXml.parse("<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/alice/</d:href></d:response></d:multistatus>".getBytes(StandardCharsets.UTF_8));
    assertThat(d.getElementsByTagNameNS("DAV:", "href").item(0).getTextContent()).isEqualTo("/alice/");
  }
}
