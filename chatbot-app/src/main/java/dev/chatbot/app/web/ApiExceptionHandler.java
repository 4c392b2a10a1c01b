package dev.chatbot.app.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of a controller into JSON with the right status: {@link ErrorBody}, or the
 * OpenAI envelope on /v1/** ({@link ErrorEnvelope}). 4xx are the caller's business and not logged.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> api(ApiException e, HttpServletRequest request) {
    if (e.status().is5xxServerError()) {
      log.warn("{}: {}", e.error(), e.getMessage(), e.getCause());
    }
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
    if (e.retryAfterSeconds() != null) {
      response.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    }
    return response
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            ErrorEnvelope.body(
                request.getRequestURI(), e.status().value(), e.error(), e.getMessage(), e.param()));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest r) {
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof RequestBodyLimit.TooLarge tooLarge) {
        return respond(r, HttpStatus.CONTENT_TOO_LARGE, "request_too_large", tooLarge.getMessage());
      }
    }
    return respond(r, HttpStatus.BAD_REQUEST, "malformed_json", "request body is not valid JSON");
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Object> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest r) {
    return respond(r, HttpStatus.CONTENT_TOO_LARGE, "upload_too_large", "upload exceeds the limit");
  }

  @ExceptionHandler({
    MissingServletRequestPartException.class,
    MissingServletRequestParameterException.class,
    MultipartException.class,
    MethodArgumentTypeMismatchException.class
  })
  ResponseEntity<Object> badRequest(Exception e, HttpServletRequest r) {
    return respond(r, HttpStatus.BAD_REQUEST, "bad_request", e.getMessage());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest r) {
    return respond(r, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", e.getMessage());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e, HttpServletRequest r) {
    return respond(r, HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMessage());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Object> noResource(NoResourceFoundException e, HttpServletRequest r) {
    return respond(r, HttpStatus.NOT_FOUND, "not_found", "no such resource");
  }

  /** The client left mid-stream: nothing to answer and nobody to answer to; not an error. */
  @ExceptionHandler(AsyncRequestNotUsableException.class)
  void clientGone(AsyncRequestNotUsableException e) {
    log.debug("client went away: {}", e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, HttpServletRequest r) {
    log.error("unexpected failure", e);
    return respond(
        r, HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "unexpected server error");
  }

  private static ResponseEntity<Object> respond(
      HttpServletRequest request, HttpStatus status, String error, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ErrorEnvelope.body(request.getRequestURI(), status.value(), error, message, null));
  }
}
