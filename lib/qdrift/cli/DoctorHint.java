package qdrift.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The "(check the setup: ./jbang doctor.java ...)" ending of an error that doctor.java can diagnose. */
final class DoctorHint {
    /** Failures of what doctor checks: reachability and API operations (3), token and role (4), git remote (5). */
    private static final Set<ExitCode> DIAGNOSED = EnumSet.of(ExitCode.API, ExitCode.AUTH, ExitCode.GIT);

    private DoctorHint() {
    }

    static String suffix(ExitCode code, Object command) {
        if (!(command instanceof DoctorChecked checked) || !DIAGNOSED.contains(code)) {
            return "";
        }
        List<String> words = new ArrayList<>(ScriptCommand.words("doctor.java"));
        words.addAll(checked.doctorArguments());
        return " (check the setup: " + ShellWords.join(words) + ")";
    }
}
