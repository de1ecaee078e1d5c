package org.memspice.cli;

/** A problem with the command's input that the user can fix (exit code 2). */
public final class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }
}
