package dev.chatbot.app.chat;

/** A passage an answer is based on; [n] in the answer is the n-th citation. */
public record Citation(String documentId, String name, String snippet) {}
