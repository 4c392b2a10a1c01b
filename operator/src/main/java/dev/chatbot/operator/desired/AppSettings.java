package dev.chatbot.operator.desired;

import dev.chatbot.operator.api.v1alpha1.AppContract;
import dev.chatbot.operator.api.v1alpha1.ChatbotDeploymentSpec;
import dev.chatbot.operator.api.v1alpha1.LimitsSpec;
import dev.chatbot.operator.api.v1alpha1.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** The app's non-secret environment contract, as the ConfigMap the pods read with envFrom. */
public final class AppSettings {

  private AppSettings() {}

  public static Map<String, String> of(ChatbotDeploymentSpec spec) {
    ModelSpec model = spec.getModel() == null ? new ModelSpec() : spec.getModel();
    Map<String, String> env = new LinkedHashMap<>();
    env.put(AppContract.SERVER_PORT, String.valueOf(AppContract.HTTP_PORT));
    env.put(AppContract.UPLOADS_DIR, AppContract.UPLOADS_PATH);
    env.put(AppContract.EXPORTS_DIR, AppContract.EXPORTS_PATH);
    env.put(AppContract.MODEL_PROVIDER, model.getProvider().value());
    putIfSet(env, AppContract.MODEL_BASE_URL, model.getBaseUrl());
    putIfSet(env, AppContract.MODEL_NAME, model.getName());
    putIfSet(env, AppContract.SYSTEM_PROMPT, model.getSystemPrompt());
    env.put(AppContract.MODEL_TIMEOUT_SECONDS, String.valueOf(model.getTimeoutSeconds()));
    if (spec.getAuth() != null && spec.getAuth().getSecretRef() != null) {
      env.put(
          AppContract.AUTH_USERS_FILE,
          AppContract.AUTH_MOUNT_PATH + "/" + AppContract.AUTH_USERS_KEY);
      // Always set: the Secret's api-keys key is optional and the app reads a missing file as none.
      env.put(
          AppContract.AUTH_API_KEYS_FILE,
          AppContract.AUTH_MOUNT_PATH + "/" + AppContract.AUTH_API_KEYS_KEY);
    }
    LimitsSpec limits = spec.getLimits();
    if (limits != null) {
      putIfSet(env, AppContract.LIMIT_TOKENS_PER_REQUEST, limits.getTokensPerRequest());
      putIfSet(env, AppContract.LIMIT_TOKENS_PER_HOUR, limits.getTokensPerHour());
      putIfSet(env, AppContract.LIMIT_TOKENS_PER_DAY, limits.getTokensPerDay());
    }
    return env;
  }

  private static void putIfSet(Map<String, String> env, String key, Long value) {
    if (value != null) {
      env.put(key, String.valueOf(value));
    }
  }

  private static void putIfSet(Map<String, String> env, String key, String value) {
    if (value != null && !value.isEmpty()) {
      env.put(key, value);
    }
  }
}
