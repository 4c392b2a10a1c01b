package dev.chatbot.app.security;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.metrics.AppMetrics;
import dev.chatbot.app.web.RequestBodyLimit;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * When CHATBOT_AUTH_USERS_FILE or CHATBOT_AUTH_API_KEYS_FILE is set, /api/** and /v1/** need HTTP
 * Basic (the UI, users file) or a Bearer API key (the SDKs, {@link BearerCredentials}); open
 * otherwise. Actuator and the static UI stay open (kubelet probes and Prometheus carry no
 * credentials). Filter order: rate limit, body cap, then Spring Security, so throttling and size
 * caps apply before any password is checked.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  /** Spring Security's filter chain sits at -100 (SecurityProperties.DEFAULT_FILTER_ORDER). */
  static final int RATE_LIMIT_ORDER = -300;

  static final int BODY_LIMIT_ORDER = -200;

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  /**
   * No Spring Security observations, and so no observation wrapper around each of its filters: with
   * them only switched off by property the wrapper still ran per filter and request (a chat request
   * passes ~12 filters; docs/benchmarks.md, "Chat overhead").
   */
  @Bean
  static SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  InMemoryUserDetailsManager userDetailsService(ChatbotProperties props) {
    // Always a bean of our own, so Spring Boot never invents a user with a logged password.
    if (props.authUsersFile() == null) {
      return new InMemoryUserDetailsManager();
    }
    List<UserDetails> users = UsersFile.read(Path.of(props.authUsersFile()));
    log.info("auth enabled for /api/** and /v1/** (Basic or Bearer, {} users)", users.size());
    return new InMemoryUserDetailsManager(users);
  }

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      ChatbotProperties props,
      JsonMapper json,
      InMemoryUserDetailsManager users,
      SecurityEvents events)
      throws Exception {
    AuthenticationEntryPoint unauthorized =
        (request, response, e) -> {
          String header = request.getHeader("Authorization");
          if (header != null) {
            events.authFailed(request, ClaimedUser.of(request), header.split(" ", 2)[0]);
          }
          response.setHeader("WWW-Authenticate", "Basic realm=\"chatbot\"");
          JsonErrorWriter.write(
              request, response, json, 401, "unauthorized", "valid credentials required");
        };
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized));
    if (!props.authEnabled()) {
      http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
    } else {
      AuthenticationManager manager = new ProviderManager(new DaoAuthenticationProvider(users));
      http.authorizeHttpRequests(
              a -> a.requestMatchers("/api/**", "/v1/**").authenticated().anyRequest().permitAll())
          .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
          .addFilterBefore(
              new BearerCredentials(apiKeys(props), manager, unauthorized),
              BasicAuthenticationFilter.class);
    }
    return http.build();
  }

  private static ApiKeys apiKeys(ChatbotProperties props) {
    if (props.authApiKeysFile() == null) {
      return ApiKeys.none();
    }
    ApiKeys keys = ApiKeys.read(Path.of(props.authApiKeysFile()));
    log.info("{} Bearer API keys from {}", keys.size(), props.authApiKeysFile());
    return keys;
  }

  @Bean
  FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
      ChatbotProperties props,
      JsonMapper json,
      ClientAddress clients,
      SecurityEvents events,
      AppMetrics metrics) {
    FilterRegistrationBean<RateLimitFilter> registration =
        new FilterRegistrationBean<>(
            new RateLimitFilter(props.rateLimitPerMinute(), json, clients, events, metrics));
    registration.addUrlPatterns("/api/*", "/v1/*");
    registration.setOrder(RATE_LIMIT_ORDER);
    registration.setEnabled(props.rateLimitPerMinute() > 0);
    return registration;
  }

  @Bean
  FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(
      ChatbotProperties props, JsonMapper json, SecurityEvents events) {
    FilterRegistrationBean<RequestBodyLimit> registration =
        new FilterRegistrationBean<>(new RequestBodyLimit(props, json, events));
    registration.setOrder(BODY_LIMIT_ORDER);
    return registration;
  }
}
