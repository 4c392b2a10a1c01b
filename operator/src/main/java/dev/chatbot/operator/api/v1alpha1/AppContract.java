package dev.chatbot.operator.api.v1alpha1;

import java.util.List;

/**
 * The bundled app's environment contract: variables the operator sets from the spec. Users may not
 * set them through spec.env, because a second value would silently win or lose against the
 * operator's (see docs/chatbot-app.md).
 */
public final class AppContract {

  public static final int HTTP_PORT = 8080;
  public static final String UPLOADS_PATH = "/data/uploads";
  public static final String EXPORTS_PATH = "/data/exports";
  public static final String AUTH_MOUNT_PATH = "/etc/chatbot/auth";
  public static final String AUTH_USERS_KEY = "users";

  /** Optional key of the auth Secret: Bearer API keys, one {@code [name:]key} per line. */
  public static final String AUTH_API_KEYS_KEY = "api-keys";

  public static final String LIVENESS_PATH = "/actuator/health/liveness";
  public static final String READINESS_PATH = "/actuator/health/readiness";
  public static final String METRICS_PATH = "/actuator/prometheus";

  public static final String SERVER_PORT = "SERVER_PORT";
  public static final String UPLOADS_DIR = "CHATBOT_UPLOADS_DIR";
  public static final String EXPORTS_DIR = "CHATBOT_EXPORTS_DIR";
  public static final String MODEL_PROVIDER = "CHATBOT_MODEL_PROVIDER";
  public static final String MODEL_BASE_URL = "CHATBOT_MODEL_BASE_URL";
  public static final String MODEL_NAME = "CHATBOT_MODEL_NAME";
  public static final String MODEL_API_KEY = "CHATBOT_MODEL_API_KEY";
  public static final String SYSTEM_PROMPT = "CHATBOT_SYSTEM_PROMPT";
  public static final String MODEL_TIMEOUT_SECONDS = "CHATBOT_MODEL_TIMEOUT_SECONDS";
  public static final String AUTH_USERS_FILE = "CHATBOT_AUTH_USERS_FILE";
  public static final String AUTH_API_KEYS_FILE = "CHATBOT_AUTH_API_KEYS_FILE";
  public static final String LIMIT_TOKENS_PER_REQUEST = "CHATBOT_LIMIT_TOKENS_PER_REQUEST";
  public static final String LIMIT_TOKENS_PER_HOUR = "CHATBOT_LIMIT_TOKENS_PER_HOUR";
  public static final String LIMIT_TOKENS_PER_DAY = "CHATBOT_LIMIT_TOKENS_PER_DAY";

  /** The same list as {@link #RESERVED_ENV}, as a CEL list literal for the CRD rule. */
  static final String RESERVED_ENV_CEL =
      "['SERVER_PORT', 'CHATBOT_UPLOADS_DIR', 'CHATBOT_EXPORTS_DIR', 'CHATBOT_MODEL_PROVIDER',"
          + " 'CHATBOT_MODEL_BASE_URL', 'CHATBOT_MODEL_NAME', 'CHATBOT_MODEL_API_KEY',"
          + " 'CHATBOT_SYSTEM_PROMPT', 'CHATBOT_MODEL_TIMEOUT_SECONDS', 'CHATBOT_AUTH_USERS_FILE',"
          + " 'CHATBOT_AUTH_API_KEYS_FILE', 'CHATBOT_LIMIT_TOKENS_PER_REQUEST',"
          + " 'CHATBOT_LIMIT_TOKENS_PER_HOUR', 'CHATBOT_LIMIT_TOKENS_PER_DAY']";

  public static final List<String> RESERVED_ENV =
      List.of(
          SERVER_PORT,
          UPLOADS_DIR,
          EXPORTS_DIR,
          MODEL_PROVIDER,
          MODEL_BASE_URL,
          MODEL_NAME,
          MODEL_API_KEY,
          SYSTEM_PROMPT,
          MODEL_TIMEOUT_SECONDS,
          AUTH_USERS_FILE,
          AUTH_API_KEYS_FILE,
          LIMIT_TOKENS_PER_REQUEST,
          LIMIT_TOKENS_PER_HOUR,
          LIMIT_TOKENS_PER_DAY);

  private AppContract() {}
}
