package dev.chatbot.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bearer API keys for SDK clients ({@code OpenAI(api_key="sk-...")}): a key of the auth Secret's
 * {@code api-keys} ({@link ApiKeys}) authenticates as its name. For compatibility with earlier
 * releases a token {@code user:password} that is no API key is checked against the users file
 * exactly as HTTP Basic is.
 */
final class BearerCredentials extends OncePerRequestFilter {

  /**
   * Where the authentication is kept for the rest of the request, as Basic auth does: a stream's
   * async dispatch, which this filter does not see again, is authorized from it.
   */
  private final SecurityContextRepository contexts =
      new RequestAttributeSecurityContextRepository();

  private final ApiKeys keys;
  private final AuthenticationManager authentication;
  private final AuthenticationEntryPoint unauthorized;

  BearerCredentials(
      ApiKeys keys, AuthenticationManager authentication, AuthenticationEntryPoint unauthorized) {
    this.keys = keys;
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
    try {
      Authentication result = authenticate(header.substring(7).strip());
      SecurityContext context = SecurityContextHolder.createEmptyContext();
      context.setAuthentication(result);
      SecurityContextHolder.setContext(context);
      contexts.saveContext(context, request, response);
    } catch (AuthenticationException e) {
      SecurityContextHolder.clearContext();
      unauthorized.commence(request, response, e);
      return;
    }
    chain.doFilter(request, response);
  }

  private Authentication authenticate(String token) {
    Optional<String> name = keys.nameOf(token);
    if (name.isPresent()) {
      return UsernamePasswordAuthenticationToken.authenticated(
          name.get(), null, List.of(new SimpleGrantedAuthority("ROLE_USER")));
    }
    String[] credentials = ClaimedUser.credentials("Bearer " + token);
    if (credentials == null) {
      throw new BadCredentialsException("unknown API key");
    }
    return authentication.authenticate(
        UsernamePasswordAuthenticationToken.unauthenticated(credentials[0], credentials[1]));
  }
}
