package qdrift.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Headless Chromium (Debian's chromium; .ci/run installs it when missing) opening a page from disk: its DOM after
 * rendering and a screenshot. Every run goes through a proxy that is a loopback socket answering nothing, and records
 * what reached it, so a page that asks for anything over the network is caught (and gets nothing). Each launch has a
 * fresh profile in a temporary folder and a time limit.
 */
public final class Chromium implements AutoCloseable {
    private static final Pattern REFERENCE = Pattern.compile("(?i)(?:\\b(?:src|href|srcset|action|poster|data)\\s*=\\s*[\"']?([^\"'\\s>]*))|url\\(\\s*[\"']?([^\"')]*)");

    private final String binary;
    private final ServerSocket proxy;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread listener;

    public Chromium() throws IOException {
        binary = find();
        proxy = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        listener = new Thread(this::listen, "chromium-proxy");
        listener.setDaemon(true);
        listener.start();
    }

    private static String find() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        fail("chromium is not installed: .ci/run installs it (apt-get install -y chromium); the HTML reports are tested in it");
        return null;
    }

    private void listen() {
        while (!proxy.isClosed()) {
            try (Socket socket = proxy.accept()) {
                socket.setSoTimeout(2000);
                String first = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
                requests.add(first == null ? "(connection)" : first);
            } catch (IOException e) {
                if (!proxy.isClosed()) {
                    requests.add("(connection: " + e.getMessage() + ")");
                }
            }
        }
    }

    /** The DOM of the page once loaded, as Chromium serialises it. */
    public String dumpDom(Path page, Path temp) throws IOException, InterruptedException {
        return new String(run(temp, List.of("--dump-dom", page.toUri().toString())), StandardCharsets.UTF_8);
    }

    /** A PNG screenshot of the page at the given window size. */
    public BufferedImage screenshot(Path page, Path png, int width, int height, Path temp) throws IOException, InterruptedException {
        run(temp, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", page.toUri().toString()));
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null) {
            fail("chromium wrote no readable PNG at " + png);
        }
        return image;
    }

    /**
     * What reached the proxy, less Chromium's own background calls (its clock, updater and account hosts, whatever the
     * page): empty when the pages asked for nothing over the network.
     */
    public List<String> pageRequests() {
        return requests.stream().filter(r -> BACKGROUND.stream().noneMatch(r::contains)).toList();
    }

    private static final List<String> BACKGROUND = List.of("clients2.google.com", "update.googleapis.com",
            "accounts.google.com", "optimizationguide-pa.googleapis.com", "safebrowsing.googleapis.com", ".gvt1.com");

    /**
     * The page printed to PDF as a user's "Save as PDF" would (A4 or Letter by locale, no header or footer), and its
     * page count (from the PDF's page tree).
     */
    public int printToPdf(Path page, Path pdf, Path temp) throws IOException, InterruptedException {
        run(temp, List.of("--print-to-pdf=" + pdf.toAbsolutePath(), "--no-pdf-header-footer", page.toUri().toString()));
        byte[] bytes = Files.readAllBytes(pdf);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("%PDF-")) {
            fail("chromium wrote no PDF at " + pdf);
        }
        Matcher count = Pattern.compile("/Type\\s*/Pages\\b[^>]*?/Count\\s+(\\d+)|/Count\\s+(\\d+)[^>]*?/Type\\s*/Pages\\b").matcher(text);
        if (!count.find()) {
            fail("no page tree in " + pdf);
        }
        return Integer.parseInt(count.group(1) != null ? count.group(1) : count.group(2));
    }

    /** Chromium's command line for one headless run (fresh profile in temp, through the recording proxy). */
    List<String> command(Path temp, List<String> args) throws IOException {
        Path profile = Files.createTempDirectory(temp, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-features=OptimizationHints,MediaRouter,Translate", "--metrics-recording-only",
                "--user-data-dir=" + profile, "--proxy-server=http://127.0.0.1:" + proxy.getLocalPort(),
                "--proxy-bypass-list=<-loopback>", "--virtual-time-budget=2000"));
        command.addAll(args);
        return command;
    }

    private byte[] run(Path temp, List<String> args) throws IOException, InterruptedException {
        List<String> command = command(temp, args);
        Path stdout = temp.resolve("chromium-" + System.nanoTime() + ".out");
        Path stderr = temp.resolve("chromium-" + System.nanoTime() + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within 90 s: " + Files.readString(stderr));
        }
        assertEquals(0, process.exitValue(), () -> "chromium failed: " + readQuietly(stderr));
        return Files.readAllBytes(stdout);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** Every src, href, srcset, action, poster, data attribute and CSS url() that is neither a #fragment nor data:. */
    public static List<String> externalReferences(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = REFERENCE.matcher(html);
        while (m.find()) {
            String ref = (m.group(1) != null ? m.group(1) : m.group(2)).strip();
            if (!ref.isEmpty() && !ref.startsWith("#") && !ref.toLowerCase().startsWith("data:")) {
                found.add(ref);
            }
        }
        return found;
    }

    /** How many distinct colours the image has (a blank page has one). */
    public static int colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    @Override
    public void close() throws IOException {
        proxy.close();
    }
}
