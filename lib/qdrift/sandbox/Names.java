package qdrift.sandbox;

import java.util.List;
import java.util.Locale;

/**
 * The names and texts a real tenant has and an export must survive: non-ASCII names, names that slug alike,
 * and strings YAML would read as something else (booleans, nulls, dates, numbers, comments, mapping keys).
 */
final class Names {
    static final List<String> YAML_HOSTILE = List.of("yes", "null", "2024-01-15", "1e3", ": x", "#x",
            " leading and trailing ", "~", "'quote");

    /** The main datastore's first containers: collisions and hostile names appear even in small tenants. */
    static final List<String> MAIN_CONTAINERS = List.of("orders", "Order Items", "order_items", "customers", "Café Über",
            "日本語", "yes", "null", "2024-01-15", "1e3", ": x", "#x", " leading and trailing ", "~", "'quote");

    static final List<String> TABLE_WORDS = List.of("sales", "inventory", "payments", "shipments", "events", "users",
            "invoices", "products", "returns", "sessions", "ledger", "accounts", "suppliers", "refunds", "clicks");

    static final List<String> TABLE_SUFFIXES = List.of("", "_daily", "_history", "_staging", "_v2", "_raw", "_agg");

    /** Every container has "id" first, then a pick of these. */
    static final List<String> FIELDS = List.of("order_id", "customer_id", "amount", "total_amount", "status", "region",
            "email", "created_at", "updated_at", "company_name", "first", "last", "country", "zip", "Prénom", "名前",
            "yes", "null", "phone", "sku", "quantity", "Order Date");

    static final List<String> TAGS = List.of("data-quality", "finance", "pii", "production", "yes", "null", "Café",
            "日本語", "2024-01-15");

    static final List<String> DESCRIPTIONS = List.of("Order ID must not be null", "Amount in range", "Values must be known",
            "Café Über check", "日本語の説明", "Line one\nline two", "yes", "null", "2024-01-15", "1e3", ": x", "#x",
            " leading and trailing ", "~", "'quote");

    static final List<String> FILTERS = List.of("region = 'EU'", "region = 'US'", "status <> 'test'", "amount > 0",
            "created_at >= '2024-01-15'", "country IN ('FR', 'DE')", "yes", "null", "1e3", ": x", "#x",
            " leading and trailing ", "~", "'quote");

    private Names() {
    }

    /** A base container name, unique within its datastore for a given index. */
    static String container(boolean main, int index) {
        if (main && index < MAIN_CONTAINERS.size()) {
            return MAIN_CONTAINERS.get(index);
        }
        int i = main ? index - MAIN_CONTAINERS.size() : index;
        String word = TABLE_WORDS.get(i % TABLE_WORDS.size());
        String suffix = TABLE_SUFFIXES.get((i / TABLE_WORDS.size()) % TABLE_SUFFIXES.size());
        int round = i / (TABLE_WORDS.size() * TABLE_SUFFIXES.size());
        return word + suffix + (round == 0 ? "" : "_" + (round + 1));
    }

    /** The export's slug: lower-case, runs outside [a-z0-9] become "_", trimmed of "_". */
    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    }
}
