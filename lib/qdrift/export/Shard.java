package qdrift.export;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import qdrift.cli.Failure;

/**
 * One of N shares of a tenant's datastores, for N workers that split an --all-datastores run. Datastore {@code id}
 * belongs to shard {@code 1 + crc32(decimal id) mod N}: the rule reads the id and N only, so adding or deleting a
 * datastore never moves another, and any language can compute it ({@code 1 + zlib.crc32(b"42") % 3}). Shard 1 also
 * owns what belongs to no datastore: the connections and the folders of datastores that no longer exist.
 */
public record Shard(int index, int count) {
    public static final int MAX_COUNT = 1_000;
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Shard {
        if (count < 1 || count > MAX_COUNT || index < 1 || index > count) {
            throw Failure.usage("--shard " + index + "/" + count + " is not a shard: pass I/N with 1 <= I <= N <= " + MAX_COUNT
                    + ", e.g. --shard 1/3");
        }
    }

    /** "2/3"; anything else is a usage error (exit 2), raised before any request. */
    public static Shard parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw Failure.usage("--shard takes I/N, e.g. --shard 1/3 (worker 1 of 3), not '" + text + "'");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** The shard (1..count) datastore {@code id} belongs to. */
    public static int of(long id, int count) {
        CRC32 crc = new CRC32();
        crc.update(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
        return (int) (crc.getValue() % count) + 1;
    }

    public boolean owns(long datastoreId) {
        return of(datastoreId, count) == index;
    }

    /** Shard 1 owns the tenant-wide files: connections, and folders of datastores that no longer exist. */
    public boolean ownsTenantFiles() {
        return index == 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
