//DEPS com.fasterxml.jackson.dataformat:jackson-dataformat-yaml:2.18.2
package qdrift.model;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which strings must be double-quoted so that every YAML reader, YAML 1.1 ones included (SnakeYAML,
 * PyYAML, the official CLI), reads back the same string: words YAML 1.1 reads as booleans or null, anything that
 * could be a number, date or time, strings starting with an indicator, with surrounding blanks, or holding
 * {@code ": "}, {@code " #"} or control characters. Quoting is conservative: a quote too many never hurts.
 */
final class YamlQuoting extends StringQuotingChecker {
    private static final long serialVersionUID = 1L;

    private static final Set<String> YAML11_WORDS = Set.of("y", "yes", "n", "no", "true", "false", "on", "off",
            "null", "~", "=", "<<");
    /** Indicator characters that change the meaning of a plain scalar when they come first. */
    private static final String LEADING_INDICATORS = "-?:,[]{}#&*!|>'\"%@`+.=<~\\";
    private static final Pattern UNSAFE_INSIDE = Pattern.compile(
            ".*(: |\\s#|:$|\\t|[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufeff\\ufffe\\uffff]).*",
            Pattern.DOTALL);

    @Override
    public boolean needToQuoteName(String name) {
        // a multi-line key is never written plain: readers disagree on plain keys that span lines
        return needsQuotes(name) || name.indexOf('\n') >= 0;
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return needsQuotes(value);
    }

    static boolean needsQuotes(String text) {
        return needsQuotesAtTheEnds(text) || UNSAFE_INSIDE.matcher(text).matches();
    }

    /**
     * {@link #needsQuotes} for a text without line terminators, tabs or control characters (what
     * {@link CanonicalEmitter} writes), the same answer without the regular expression: there, the only unsafe
     * things inside are ": ", " #" and a final ':'.
     */
    static boolean needsQuotesOneLine(String text) {
        if (needsQuotesAtTheEnds(text) || text.charAt(text.length() - 1) == ':') {
            return true;
        }
        for (int i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
            if (i + 1 < text.length() && text.charAt(i + 1) == ' ') {
                return true;
            }
        }
        return text.contains(" #");
    }

    private static boolean needsQuotesAtTheEnds(String text) {
        // the words are 5 letters at most: a longer text needs no lower-casing
        if (text.isEmpty() || (text.length() <= 5 && YAML11_WORDS.contains(text.toLowerCase(java.util.Locale.ROOT)))) {
            return true;
        }
        char first = text.charAt(0);
        char last = text.charAt(text.length() - 1);
        return Character.isWhitespace(first) || Character.isWhitespace(last) || Character.isDigit(first)
                || LEADING_INDICATORS.indexOf(first) >= 0;
    }
}
