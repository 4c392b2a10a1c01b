package dev.chatbot.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/** Desired state of a chat assistant. Every block is optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "self.replicas <= 1 || (has(self.storage) && has(self.storage.uploads)"
            + " && self.storage.uploads.accessMode == 'ReadWriteMany' && has(self.storage.exports)"
            + " && self.storage.exports.accessMode == 'ReadWriteMany')",
    message =
        "replicas > 1 needs storage.uploads.accessMode and storage.exports.accessMode set to"
            + " ReadWriteMany: a ReadWriteOnce volume attaches to one node only",
    fieldPath = ".replicas",
    reason = "FieldValueForbidden")
@ValidationRule(
    value = "!has(self.env) || self.env.all(e, !(e.name in " + AppContract.RESERVED_ENV_CEL + "))",
    message =
        "env may not set the app's contract variables (SERVER_PORT, CHATBOT_UPLOADS_DIR,"
            + " CHATBOT_EXPORTS_DIR, CHATBOT_MODEL_*, CHATBOT_SYSTEM_PROMPT, CHATBOT_AUTH_USERS_FILE,"
            + " CHATBOT_LIMIT_*): set them through spec.model, spec.storage, spec.auth and"
            + " spec.limits",
    fieldPath = ".env",
    reason = "FieldValueForbidden")
public class ChatbotDeploymentSpec {

  @JsonPropertyDescription(
      "Container image of the chat app, always run pinned by digest. Omitted: the chatbot-app image"
          + " of the operator's release.")
  private ImageSpec image = new ImageSpec();

  @Default("1")
  @Min(0)
  @Max(50)
  @JsonPropertyDescription(
      "Number of chat pods. More than 1 needs ReadWriteMany storage for uploads and exports.")
  private Integer replicas = 1;

  @JsonPropertyDescription("Language model the app answers with; offline by default (no network).")
  private ModelSpec model;

  @JsonPropertyDescription(
      "Persistent volumes for uploaded documents and conversation exports (1Gi ReadWriteOnce each by"
          + " default).")
  private StorageSpec storage;

  @JsonPropertyDescription(
      "CPU and memory for the chat container. Default: requests 500m/512Mi, limits 1 CPU/1Gi.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("HTTP health probe timing; the defaults follow the runbook.")
  private ProbesSpec probes;

  @Size(max = 64)
  @JsonPropertyDescription(
      "Extra environment variables for the app. The app's contract variables are refused here.")
  private List<EnvVarSpec> env = new ArrayList<>();

  @JsonPropertyDescription("The Service in front of the chat pods.")
  private ServiceSpec service;

  @JsonPropertyDescription(
      "NetworkPolicy: ingress only to the chat port, egress only to DNS and the model endpoint.")
  private NetworkPolicySpec networkPolicy;

  @JsonPropertyDescription("Prometheus Operator objects, created only when their CRDs exist.")
  private MonitoringSpec monitoring;

  @JsonPropertyDescription("Optional credentials for the chat API and UI (HTTP Basic).")
  private AuthSpec auth;

  @JsonPropertyDescription("Rollout and automatic rollback settings.")
  private RolloutSpec rollout;

  @JsonPropertyDescription("Optional model spend limits in tokens per request, hour and day.")
  private LimitsSpec limits;

  public ImageSpec getImage() {
    return image;
  }

  public void setImage(ImageSpec image) {
    this.image = image;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public ModelSpec getModel() {
    return model;
  }

  public void setModel(ModelSpec model) {
    this.model = model;
  }

  public StorageSpec getStorage() {
    return storage;
  }

  public void setStorage(StorageSpec storage) {
    this.storage = storage;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public ProbesSpec getProbes() {
    return probes;
  }

  public void setProbes(ProbesSpec probes) {
    this.probes = probes;
  }

  public List<EnvVarSpec> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVarSpec> env) {
    this.env = env;
  }

  public ServiceSpec getService() {
    return service;
  }

  public void setService(ServiceSpec service) {
    this.service = service;
  }

  public NetworkPolicySpec getNetworkPolicy() {
    return networkPolicy;
  }

  public void setNetworkPolicy(NetworkPolicySpec networkPolicy) {
    this.networkPolicy = networkPolicy;
  }

  public MonitoringSpec getMonitoring() {
    return monitoring;
  }

  public void setMonitoring(MonitoringSpec monitoring) {
    this.monitoring = monitoring;
  }

  public AuthSpec getAuth() {
    return auth;
  }

  public void setAuth(AuthSpec auth) {
    this.auth = auth;
  }

  public RolloutSpec getRollout() {
    return rollout;
  }

  public void setRollout(RolloutSpec rollout) {
    this.rollout = rollout;
  }

  public LimitsSpec getLimits() {
    return limits;
  }

  public void setLimits(LimitsSpec limits) {
    this.limits = limits;
  }
}
