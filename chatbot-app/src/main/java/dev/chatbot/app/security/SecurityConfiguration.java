package dev.chatbot.app.security;

import dev.chatbot.app.config.ChatbotProperties;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP Basic on /api/** and /v1/** when CHATBOT_AUTH_USERS_FILE is set; open otherwise. Actuator
 * and the static UI stay open (kubelet probes and Prometheus carry no credentials).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  InMemoryUserDetailsManager userDetailsService(ChatbotProperties props) {
    // Always a bean of our own, so Spring Boot never invents a user with a logged password.
    if (props.authUsersFile() == null) {
      return new InMemoryUserDetailsManager();
    }
    List<UserDetails> users = UsersFile.read(Path.of(props.authUsersFile()));
    log.info("HTTP Basic enabled for /api/** and /v1/** ({} users)", users.size());
    return new InMemoryUserDetailsManager(users);
  }

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http, ChatbotProperties props, JsonMapper json) throws Exception {
    AuthenticationEntryPoint unauthorized =
        (request, response, e) -> {
          response.setHeader("WWW-Authenticate", "Basic realm=\"chatbot\"");
          JsonErrorWriter.write(response, json, 401, "unauthorized", "credentials required");
        };
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized));
    if (props.authUsersFile() == null) {
      http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
    } else {
      http.authorizeHttpRequests(
              a -> a.requestMatchers("/api/**", "/v1/**").authenticated().anyRequest().permitAll())
          .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized));
    }
    return http.build();
  }

  @Bean
  FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
      ChatbotProperties props, JsonMapper json) {
    FilterRegistrationBean<RateLimitFilter> registration =
        new FilterRegistrationBean<>(new RateLimitFilter(props.rateLimitPerMinute(), json));
    registration.addUrlPatterns("/api/*", "/v1/*");
    registration.setEnabled(props.rateLimitPerMinute() > 0);
    return registration;
  }
}
