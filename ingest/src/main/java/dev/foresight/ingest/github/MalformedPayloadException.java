package dev.foresight.ingest.github;

/** A webhook body that is not valid JSON or lacks a field Foresight needs; answered with 400. */
public final class MalformedPayloadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public MalformedPayloadException(String message) {
    super(message);
  }

  public MalformedPayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
