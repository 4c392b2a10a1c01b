package dev.chatbot.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer API keys for SDK clients ({@code OpenAI(api_key="user:password")}): the key is a user of
 * the auth Secret's users file and its password, checked exactly as HTTP Basic is. One credential
 * source for the UI and the SDKs, so rotating the Secret rotates both.
 */
final class BearerCredentials extends OncePerRequestFilter {

  private final AuthenticationManager authentication;
  private final AuthenticationEntryPoint unauthorized;

  BearerCredentials(AuthenticationManager authentication, AuthenticationEntryPoint unauthorized) {
    this.authentication = authentication;
    this.unauthorized = unauthorized;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      chain.doFilter(request, response);
      return;
    }
    String[] credentials = ClaimedUser.credentials(header);
    try {
      if (credentials == null) {
        throw new org.springframework.security.authentication.BadCredentialsException(
            "API key must be <user>:<password> of the auth Secret's users file");
      }
      Authentication result =
          authentication.authenticate(
              UsernamePasswordAuthenticationToken.unauthenticated(credentials[0], credentials[1]));
      SecurityContext context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(result);
      SecurityContextHolder.setContext(context);
    } catch (AuthenticationException e) {
      SecurityContextHolder.clearContext();
      unauthorized.commence(request, response, e);
      return;
    }
    chain.doFilter(request, response);
  }
}
