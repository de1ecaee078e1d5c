package org.memspice.dse;

/**
 * Input a user can fix: a network file whose shapes do not chain, a configuration key that does
 * not exist, a value out of range, an option that does not apply to the network. The message
 * names the file (with its line) or the option; the command line exits with 2.
 */
public final class DseInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DseInputException(String message) {
        super(message);
    }
}
