package qdrift.doctor;

import java.util.List;
import qdrift.cli.ExitCode;

/**
 * One line of doctor's report: what was checked, how it went, what was found and, when it did not pass, the fix. A
 * failed check carries the exit code of its kind (URL and API: 3, token and role: 4, git: 5, folder: 6, notify: 7).
 *
 * @param id     a stable name for scripts reading -o json: url, token.format, openapi, git.push, ...
 * @param title  what a person reads first: "URL", "token accepted"
 * @param detail what was found (never a secret)
 * @param fix    what to do about it; null when it passed
 * @param items  every problem, when the detail shows only the first few (the OpenAPI check)
 */
public record Check(String id, String title, Status status, String detail, String fix, ExitCode kind, List<String> items) {
    public enum Status { PASS, WARN, FAIL, SKIP }

    public Check {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static Check pass(String id, String title, String detail) {
        return new Check(id, title, Status.PASS, detail, null, ExitCode.OK, null);
    }

    public static Check warn(String id, String title, String detail, String fix) {
        return new Check(id, title, Status.WARN, detail, fix, ExitCode.OK, null);
    }

    public static Check fail(String id, String title, ExitCode kind, String detail, String fix) {
        return new Check(id, title, Status.FAIL, detail, fix, kind, null);
    }

    public static Check skip(String id, String title, String why) {
        return new Check(id, title, Status.SKIP, why, null, ExitCode.OK, null);
    }

    public Check withItems(List<String> all) {
        return new Check(id, title, status, detail, fix, kind, all);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}
