package qdrift.testing;

import java.util.List;

/**
 * Whether a schedule is a valid five-field cron expression as Kubernetes CronJobs and GitHub Actions read it:
 * minute hour day-of-month month day-of-week, each *, N, A-B, a list of those, or any of them with /STEP.
 * Month and weekday names (JAN, MON) are accepted too.
 */
public final class Cron {
    private static final int[][] RANGES = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private Cron() {
    }

    public static boolean valid(String expression) {
        String[] fields = expression.strip().split("\\s+");
        if (fields.length != 5) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            for (String part : fields[i].split(",", -1)) {
                if (!validPart(part, i)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean validPart(String part, int field) {
        String[] stepped = part.split("/", -1);
        if (stepped.length > 2 || (stepped.length == 2 && !(isNumber(stepped[1]) && Integer.parseInt(stepped[1]) > 0))) {
            return false;
        }
        String range = stepped[0];
        if (range.equals("*")) {
            return true;
        }
        String[] bounds = range.split("-", -1);
        if (bounds.length > 2) {
            return false;
        }
        int low = value(bounds[0], field);
        int high = bounds.length == 2 ? value(bounds[1], field) : low;
        return low >= 0 && high >= low;
    }

    /** The field value, or -1 when it is not one. */
    private static int value(String text, int field) {
        int value;
        if (isNumber(text)) {
            value = Integer.parseInt(text);
        } else if (field == 3 && MONTHS.contains(text.toUpperCase())) {
            value = MONTHS.indexOf(text.toUpperCase()) + 1;
        } else if (field == 4 && DAYS.contains(text.toUpperCase())) {
            value = DAYS.indexOf(text.toUpperCase());
        } else {
            return -1;
        }
        return value >= RANGES[field][0] && value <= RANGES[field][1] ? value : -1;
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() < 5 && text.chars().allMatch(Character::isDigit);
    }
}
