package qdrift.revert;

/** A resource whose calls cannot be built (a name Git refers to exists neither live nor in the plan): it is skipped. */
final class Unresolvable extends RuntimeException {
    Unresolvable(String message) {
        super(message, null, false, false);
    }
}
