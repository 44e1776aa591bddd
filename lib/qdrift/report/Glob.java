package qdrift.report;

import java.util.regex.Pattern;

/**
 * The two glob dialects of ignore rules. File globs match the whole path relative to the export folder: '*' and '?'
 * stay inside one folder, '**' crosses folders. Field globs match a field path or anything below it ("properties"
 * covers "properties.max"): '*' stays inside one key, '**' crosses keys; a quoted key ["from quality check id"] can
 * also be written with a dot (additional_metadata.from quality check id).
 */
public final class Glob {
    private static final Pattern QUOTED_KEY = Pattern.compile("\\[\"((?:[^\"\\\\]|\\\\.)*)\"]");

    private final String text;
    private final Pattern pattern;
    private final boolean field;

    private Glob(String text, Pattern pattern, boolean field) {
        this.text = text;
        this.pattern = pattern;
        this.field = field;
    }

    public static Glob file(String glob) {
        return new Glob(glob, Pattern.compile(toRegex(stripSlash(glob), "[^/]")), false);
    }

    static Glob field(String glob) {
        return new Glob(glob, Pattern.compile(toRegex(glob, "[^.\\[]") + "(?:[.\\[].*)?"), true);
    }

    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        if (pattern.matcher(value).matches()) {
            return true;
        }
        return field && pattern.matcher(QUOTED_KEY.matcher(value).replaceAll(m -> "." + m.group(1).replace("\\", "\\\\").replace("$", "\\$"))).matches();
    }

    String text() {
        return text;
    }

    private static String stripSlash(String glob) {
        return glob.startsWith("./") ? glob.substring(2) : glob.startsWith("/") ? glob.substring(1) : glob;
    }

    private static String toRegex(String glob, String oneChar) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean dirPrefix = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                regex.append(dirPrefix ? "(?:.*/)?" : ".*");
                i += dirPrefix ? 2 : 1;
            } else if (c == '*') {
                regex.append(oneChar).append('*');
            } else if (c == '?') {
                regex.append(oneChar);
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
