package org.imageserving.log;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/** Moves a full log file aside and drops the oldest of those moved before. */
interface Rollover {
    /**
     * @param file the file to move aside; once this returns, nothing is left under its name
     * @param day  the day its lines were written (a file of several days: the last)
     */
    void roll(Path file, LocalDate day) throws IOException;
}
