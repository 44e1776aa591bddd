package qdrift.notify;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An environment map, a clock the test moves, recorded retry waits and an optional stdin, installed for notify.java. */
final class TestRuntime {
    final Map<String, String> env = new HashMap<>();
    final List<Duration> waits = new ArrayList<>();
    Instant now = Instant.parse("2024-06-01T09:00:00Z");
    String stdin = "";
    boolean stdinIsTerminal;

    void install() {
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        NotifyRuntime.install(new NotifyRuntime(env::get, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                stdinIsTerminal, clock, waits::add));
    }
}
