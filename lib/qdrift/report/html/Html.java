package qdrift.report.html;

/**
 * The shared parts of every HTML page this tool writes: escaping, and one self-contained page (inline CSS, no script,
 * font or image from anywhere) that prints cleanly and reads without colour: every colour goes with a word.
 */
public final class Html {
    private static final String CSS = """
            :root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bad:#b42318;--warn:#9a6700;--ok:#1a7f37;--info:#0550ae;--bg:#f6f8fa}
            *{box-sizing:border-box}
            body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);margin:0 auto;max-width:1100px;padding:24px}
            h1{font-size:1.6em;margin:.2em 0}h2{font-size:1.25em;margin:1.4em 0 .4em;border-bottom:1px solid var(--line)}h3{font-size:1.05em;margin:.2em 0}
            .meta{color:var(--muted)}
            .badge{display:inline-block;border:1px solid currentColor;border-radius:4px;padding:0 6px;font-size:.85em;font-weight:600}
            .clean{color:var(--ok)}.drift,.loosening{color:var(--bad)}.partial,.unknown{color:var(--warn)}.tightening,.neutral,.accepted{color:var(--info)}.reverted{color:var(--ok)}.open{color:var(--bad)}
            .finding{border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:6px;padding:8px 12px;margin:10px 0;break-inside:avoid}
            .finding.sev-loosening{border-left-color:var(--bad)}.finding.sev-unknown{border-left-color:var(--warn)}.finding.sev-tightening{border-left-color:var(--info)}
            table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
            th{background:var(--bg)}td{overflow-wrap:anywhere}td ul{margin:.2em 0;padding-left:1.1em}code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
            pre{background:var(--bg);padding:8px;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
            .add{color:var(--ok)}.del{color:var(--bad)}.hunk{color:var(--info)}
            details{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:4px 8px}summary{cursor:pointer;font-weight:600}
            summary:focus,a:focus{outline:3px solid var(--info);outline-offset:2px}
            .totals{display:flex;flex-wrap:wrap;gap:12px;padding:0;list-style:none}.totals li{border:1px solid var(--line);border-radius:6px;padding:6px 12px}
            .totals strong{display:block;font-size:1.3em}
            svg{max-width:100%;height:auto}
            @media print{body{max-width:none;padding:0;font-size:11pt}a{color:inherit;text-decoration:none}
            details{border:none;padding:0}details>summary{list-style:none}details>summary::-webkit-details-marker{display:none}
            details::details-content{content-visibility:visible;display:block}details:not([open])>*:not(summary){display:block}
            pre{white-space:pre-wrap;overflow:visible}table{font-size:9pt}thead{display:table-header-group}th{background:none}
            .finding,tr,.totals li{break-inside:avoid}h1,h2,h3,summary{break-after:avoid}}
            """;

    private Html() {
    }

    /** Text safe in element content and in quoted attributes; null is empty. */
    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The whole page around body (already HTML): one document, in English, with the inline style sheet. */
    public static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
                + "<title>" + esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<main>\n"
                + body + "</main>\n</body>\n</html>\n";
    }

    /** A status word in a badge whose colour only repeats the word: "drift", "clean", "reverted". */
    public static String badge(String cssClass, String word) {
        return "<span class=\"badge " + esc(cssClass) + "\">" + esc(word) + "</span>";
    }
}
