package qdrift.notify;

/**
 * A destination refused or never received its message; the message names the destination and never a secret.
 * status is the HTTP status of the last answer (0 when there was none), so hints can tell a revoked webhook (403, 404,
 * 410) from a destination that is only failing or busy (5xx, 429).
 */
public class DeliveryFailure extends RuntimeException {
    private final int status;

    public DeliveryFailure(String message) {
        this(message, 0);
    }

    public DeliveryFailure(String message, int status) {
        super(message);
        this.status = status;
    }

    public DeliveryFailure(String message, Throwable cause) {
        super(message, cause);
        this.status = cause instanceof DeliveryFailure failure ? failure.status : 0;
    }

    public int status() {
        return status;
    }
}
