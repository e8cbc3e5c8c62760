package dev.horae.dav;

import dev.horae.shared.SafeXml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** WebDAV XML: request bodies read without XXE ({@link SafeXml}), and the multistatus answers written. */
final class DavXml {
  static final String DAV = "DAV:";
  static final String CALDAV = "urn:ietf:params:xml:ns:caldav";
  static final String CS = "http://calendarserver.org/ns/";
  static final String HORAE = "https://horae.dev/ns/";

  private DavXml() {}

  /** A property name: its namespace and local name. */
  record Name(String namespace, String local) {
    /** As written in an answer, with the prefix declared on the multistatus root, or with its own declaration. */
    String open() {
      String prefix = prefix(namespace);
      return prefix != null ? prefix + ":" + local : "X:" + local + " xmlns:X=\"" + escape(namespace) + "\"";
    }

    String close() {
      String prefix = prefix(namespace);
      return prefix != null ? prefix + ":" + local : "X:" + local;
    }
  }

  static String prefix(String namespace) {
    return switch (namespace) {
      case DAV -> "D";
      case CALDAV -> "C";
      case CS -> "CS";
      default -> null;
    };
  }

  static Document parse(byte[] body) throws DavProblem {
    try {
      return SafeXml.parse(body);
    } catch (IOException e) {
      throw new DavProblem(400, null, "the request body is not well-formed XML (or holds a DOCTYPE): " + e.getMessage());
    }
  }

  static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  static Optional<Element> child(Element parent, String namespace, String local) {
    return children(parent).stream().filter(e -> is(e, namespace, local)).findFirst();
  }

  static boolean is(Element e, String namespace, String local) {
    return namespace.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
  }

  static Name name(Element e) {
    return new Name(e.getNamespaceURI() == null ? "" : e.getNamespaceURI(), e.getLocalName() == null ? e.getNodeName() : e.getLocalName());
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\r' -> out.append("&#13;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            continue; // not allowed in XML 1.0
          }
          out.append(c);
        }
      }
    }
    return out.toString();
  }

  /** The root of a multistatus answer, with the prefixes the names use. */
  static StringBuilder multistatus() {
    return new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\" xmlns:C=\"" + CALDAV
        + "\" xmlns:CS=\"" + CS + "\">\n");
  }

  /** A DAV:error body naming the precondition failed (RFC 4918 §16) and, in Horae's namespace, why. */
  static String error(String precondition, String message) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:error xmlns:D=\"DAV:\" xmlns:C=\"" + CALDAV
        + "\" xmlns:H=\"" + HORAE + "\">");
    if (precondition != null) {
      out.append('<').append(precondition).append("/>");
    }
    out.append("<H:message>").append(escape(message == null ? "" : message)).append("</H:message></D:error>\n");
    return out.toString();
  }
}
