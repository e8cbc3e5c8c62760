package dev.horae.api;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report, as a problem document instead of an HTML page: what Tomcat refuses
 * before Spring sees the request (an encoded slash or NUL in the path, a character a request
 * target may not hold, an oversized header or URL) answers {@code application/problem+json} like
 * every other error. Installed on the host by {@link TomcatProblems}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  public ProblemErrorReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    AtomicBoolean allowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
    if (!allowed.get()) {
      return;
    }
    ProblemDetail problem = problem(status, response.getMessage());
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("utf-8");
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(Problems.body(problem)));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the connection is gone, or the answer already begun: nothing more to say
    }
  }

  /** The problem for a status Tomcat set; its own message only for client errors (it names what was wrong with the request). */
  static ProblemDetail problem(int status, String message) {
    HttpStatus known = HttpStatus.resolve(status);
    HttpStatus s = known == null ? (status < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR) : known;
    String detail = switch (s) {
      case BAD_REQUEST -> "The request could not be read: its request line, path encoding or headers are malformed or too large"
          + " (an encoded slash or NUL in the path, a character a URL may not hold, a header or URL over 8 KiB)";
      case URI_TOO_LONG -> "The URL is longer than this service accepts (8 KiB)";
      case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request's headers are larger than this service accepts (8 KiB)";
      case CONTENT_TOO_LARGE -> "The request body is larger than this service accepts";
      case METHOD_NOT_ALLOWED -> "This method is not served here";
      case NOT_IMPLEMENTED -> "This method is not implemented";
      case NOT_FOUND -> "No resource is served at this path";
      default -> status < 500 ? "The request was refused" : "The service could not answer this request";
    };
    if (status < 500 && message != null && !message.isBlank() && message.length() <= 200) {
      detail = detail + ": " + message;
    }
    String code = switch (s) {
      case BAD_REQUEST -> "MALFORMED_REQUEST";
      case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
      case NOT_FOUND -> "NOT_FOUND";
      default -> s.name();
    };
    return Problems.of(s, code, detail);
  }
}
