package dev.loopscope.agent.jfr;

import java.io.IOException;

/** A file that cannot be read as a JFR recording; the message says why, in the user's terms. */
public final class RecordingFileException extends IOException {

    private static final long serialVersionUID = 1L;

    public RecordingFileException(String message) {
        super(message);
    }
}
