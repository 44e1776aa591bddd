package qdrift.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Renamed options whose old spelling still works (a hidden alias): each use is remembered while picocli parses, and
 * the command says once on stderr which name to use instead. One name per concept across the scripts: docs/options.md.
 */
public final class OldSpellings {
    private final List<String> used = new ArrayList<>();

    /** Notes that old was given for now and hands the value on. */
    public <T> T used(String old, String now, T value) {
        String note = old + " is now " + now + " (the old spelling still works, for now)";
        if (!used.contains(note)) {
            used.add(note);
        }
        return value;
    }

    /** One warning line per old spelling used; --quiet silences them with the other talk. */
    public void warn(Log log) {
        used.forEach(log::warn);
    }

    public List<String> notes() {
        return List.copyOf(used);
    }
}
