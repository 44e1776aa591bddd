package qdrift.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Slugs as the official CLI makes them (lower-case, runs outside [a-z0-9] become "_", trimmed of "_"), plus the
 * file names this project derives from them so that two names never share a file.
 */
public final class Slug {
    private Slug() {
    }

    /** The official slug: "Order Items" -> "order_items", "prod-pg" -> "prod_pg", "日本語" -> "". */
    public static String of(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        int start = 0;
        int end = slug.length();
        while (start < end && slug.charAt(start) == '_') {
            start++;
        }
        while (end > start && slug.charAt(end - 1) == '_') {
            end--;
        }
        return slug.substring(start, end);
    }

    /** 8 hex digits of the SHA-256 of the exact name: stable across runs, machines and server versions. */
    public static String shortHash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * File slugs for sibling names (the connections, the datastores, the containers of one datastore, ...).
     * A name keeps its plain slug unless another sibling slugs alike; then the name that IS its slug keeps it and the
     * others get {@code <slug>_<shortHash(name)>}. A name that slugs to nothing is its hash alone.
     * The result depends only on the set of names, never on their order.
     */
    public static Map<String, String> distinct(Collection<String> names) {
        Map<String, TreeSet<String>> bySlug = new TreeMap<>();
        for (String name : new TreeSet<>(names)) {
            bySlug.computeIfAbsent(of(name), s -> new TreeSet<>()).add(name);
        }
        Map<String, String> result = new HashMap<>();
        bySlug.forEach((slug, group) -> {
            for (String name : group) {
                boolean keepsPlain = !slug.isEmpty() && (group.size() == 1 || name.equals(slug));
                result.put(name, keepsPlain ? slug : slug.isEmpty() ? shortHash(name) : slug + "_" + shortHash(name));
            }
        });
        return result;
    }
}
