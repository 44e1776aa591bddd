package qdrift.notify;

/** A destination refused or never received its message; the message names the destination and never a secret. */
public class DeliveryFailure extends RuntimeException {
    public DeliveryFailure(String message) {
        super(message);
    }

    public DeliveryFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
