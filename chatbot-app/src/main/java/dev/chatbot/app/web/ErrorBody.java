package dev.chatbot.app.web;

/** The one JSON shape of every 4xx/5xx answer. */
public record ErrorBody(String error, String message, int status) {}
