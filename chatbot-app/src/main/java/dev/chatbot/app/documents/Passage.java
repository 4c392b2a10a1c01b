package dev.chatbot.app.documents;

/** One retrieved chunk of a document, with its similarity to the question. */
public record Passage(String documentId, String documentName, String text, double score) {}
