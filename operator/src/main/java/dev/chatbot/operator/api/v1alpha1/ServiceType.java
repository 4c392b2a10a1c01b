package dev.chatbot.operator.api.v1alpha1;

/** Kubernetes Service types the chat Service may use. */
public enum ServiceType {
  ClusterIP,
  NodePort,
  LoadBalancer
}
