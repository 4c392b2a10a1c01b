package dev.chatbot.operator.api.v1alpha1;

/** PersistentVolumeClaim access modes the app can write through. */
public enum AccessMode {
  ReadWriteOnce,
  ReadWriteOncePod,
  ReadWriteMany
}
