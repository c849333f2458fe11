package provident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One response of the JSON protocol, read with Jackson: "ok", "result",
 * "violations" (business outcomes, all at once) and "error" (the request
 * could not be evaluated). docs/protocol.md §1.
 */
public record Answer(JsonNode json) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reads one response (the text pvd_engine_execute returned). */
  public static Answer of(String response) {
    try {
      return new Answer(MAPPER.readTree(response));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the engine's response is not JSON: " + response, e);
    }
  }

  /** One violation: a stable code, zh-CN and en messages, the field and the source it cites. */
  public record Violation(String code, String message, String messageEn, String field, String source) {}

  public boolean ok() {
    return json.path("ok").asBoolean(false);
  }

  public JsonNode result() {
    return json.path("result");
  }

  /** error.code, or "" when the request was evaluated. */
  public String errorCode() {
    return json.path("error").path("code").asText("");
  }

  /** error.message_en, or "". */
  public String errorMessage() {
    return json.path("error").path("message_en").asText("");
  }

  public List<Violation> violations() {
    List<Violation> out = new ArrayList<>();
    for (JsonNode v : json.path("violations")) {
      out.add(new Violation(v.path("code").asText(), v.path("message").asText(), v.path("message_en").asText(),
          v.path("field").asText(), v.path("source").asText()));
    }
    return out;
  }

  public List<String> violationCodes() {
    return violations().stream().map(Violation::code).toList();
  }

  /** A money member of the result at a JSON pointer ("/balance", "/years/0/interest") in fen. */
  public long fen(String pointer) {
    JsonNode node = result().at(pointer);
    if (!node.isTextual()) {
      throw new IllegalStateException("no money at result" + pointer + " in " + json);
    }
    return toFen(node.asText());
  }

  /** "3231.79" yuan as 323179 fen, exactly (BigDecimal, never double). */
  public static long toFen(String yuan) {
    return new BigDecimal(yuan).movePointRight(2).longValueExact();
  }

  /** 323179 fen as "3231.79". */
  public static String yuan(long fen) {
    return BigDecimal.valueOf(fen, 2).toPlainString();
  }
}
