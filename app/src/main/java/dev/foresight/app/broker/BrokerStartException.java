package dev.foresight.app.broker;

/** The embedded broker could not start; the message says why and what to change. */
public final class BrokerStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BrokerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
