package dev.chatbot.app.security;

import dev.chatbot.app.config.ChatbotProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The client's address for rate limits and audit lines: the TCP peer, or, when the peer is one of
 * CHATBOT_TRUSTED_PROXIES (addresses or CIDRs), the right-most X-Forwarded-For entry that is not a
 * trusted proxy. Anyone else's X-Forwarded-For is ignored: it is a header a client can forge.
 */
@Component
public class ClientAddress {

  private final List<Cidr> trusted = new ArrayList<>();

  public ClientAddress(ChatbotProperties props) {
    if (props.trustedProxies() != null) {
      for (String entry : props.trustedProxies().split(",")) {
        if (!entry.isBlank()) {
          trusted.add(Cidr.parse(entry.strip()));
        }
      }
    }
  }

  /** Entries of CHATBOT_TRUSTED_PROXIES that are not addresses or CIDRs, for the startup check. */
  public static List<String> problems(String trustedProxies) {
    List<String> out = new ArrayList<>();
    if (trustedProxies != null) {
      for (String entry : trustedProxies.split(",")) {
        try {
          if (!entry.isBlank()) {
            Cidr.parse(entry.strip());
          }
        } catch (IllegalArgumentException e) {
          out.add(e.getMessage());
        }
      }
    }
    return out;
  }

  public String of(HttpServletRequest request) {
    String peer = request.getRemoteAddr();
    if (trusted.isEmpty() || !isTrusted(peer)) {
      return peer;
    }
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null) {
      return peer;
    }
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!hop.isEmpty() && !isTrusted(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private boolean isTrusted(String address) {
    for (Cidr cidr : trusted) {
      if (cidr.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** An address block; a plain address is a /32 (or /128). */
  record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
      int slash = text.indexOf('/');
      byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
      if (address == null) {
        throw new IllegalArgumentException(
            "CHATBOT_TRUSTED_PROXIES: '" + text + "' is not an IP address or CIDR");
      }
      int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
      if (prefix < 0 || prefix > address.length * 8) {
        throw new IllegalArgumentException("CHATBOT_TRUSTED_PROXIES: bad prefix in '" + text + "'");
      }
      return new Cidr(address, prefix);
    }

    boolean contains(String text) {
      byte[] address = literal(text);
      if (address == null || address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }

    /** Parses only numeric literals: never a DNS lookup for a header value. */
    private static byte[] literal(String text) {
      if (text.isEmpty() || !(text.contains(":") || text.matches("[0-9.]+"))) {
        return null;
      }
      try {
        return InetAddress.getByName(text).getAddress();
      } catch (UnknownHostException | NumberFormatException e) {
        return null;
      }
    }
  }
}
