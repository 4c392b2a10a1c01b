package dev.chatbot.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The user an Authorization header claims to be, before it is checked: Basic {@code user:pw}, or
 * Bearer {@code user:pw} (API keys, see {@link BearerCredentials}). Null when none or unparsable.
 */
final class ClaimedUser {

  private ClaimedUser() {}

  static String of(HttpServletRequest request) {
    String[] credentials = credentials(request.getHeader("Authorization"));
    return credentials == null ? null : credentials[0];
  }

  /** {user, password} from a Basic or Bearer header, or null. */
  static String[] credentials(String header) {
    if (header == null) {
      return null;
    }
    String pair;
    if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        pair = new String(Base64.getDecoder().decode(header.substring(6).strip()), UTF8);
      } catch (IllegalArgumentException e) {
        return null;
      }
    } else if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      pair = header.substring(7).strip();
    } else {
      return null;
    }
    int colon = pair.indexOf(':');
    return colon <= 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;
}
