package qdrift.sandbox;

/**
 * What the sandbox generates: the same spec always gives the same tenant (ids, names, checks, server state).
 *
 * @param seed                 drives every random choice
 * @param checks               quality checks in the whole tenant; the main datastore ("prod-warehouse") holds half of them
 * @param containers           containers in the whole tenant (at least one per datastore is always made)
 * @param computedShare        share of containers that are computed (computed_table, computed_file, computed_join)
 * @param computedFieldsShare  share of containers that carry computed fields
 * @param idOffset             added to every generated id (and reference), so two tenants of the same seed differ in
 *                             ids only, as Dev and Prod do
 * @param datastores           datastores in all (at least the six of the fixed cast; more are plain JDBC datastores
 *                             "extra-NN", for benchmarks of many datastores)
 */
public record TenantSpec(long seed, int checks, int containers, double computedShare, double computedFieldsShare,
                         long idOffset, int datastores) {
    public static final long DEFAULT_SEED = 7;
    public static final int FIXED_DATASTORES = 6;

    public TenantSpec {
        if (checks < 0 || containers < 0) {
            throw new IllegalArgumentException("checks and containers must not be negative");
        }
        if (computedShare < 0 || computedShare > 1 || computedFieldsShare < 0 || computedFieldsShare > 1) {
            throw new IllegalArgumentException("shares must be between 0 and 1");
        }
        if (idOffset < 0) {
            throw new IllegalArgumentException("idOffset must not be negative");
        }
        if (datastores < FIXED_DATASTORES) {
            throw new IllegalArgumentException("at least " + FIXED_DATASTORES + " datastores");
        }
    }

    public TenantSpec(long seed, int checks, int containers, double computedShare, double computedFieldsShare, long idOffset) {
        this(seed, checks, containers, computedShare, computedFieldsShare, idOffset, FIXED_DATASTORES);
    }

    public TenantSpec(long seed, int checks, int containers, double computedShare, double computedFieldsShare) {
        this(seed, checks, containers, computedShare, computedFieldsShare, 0);
    }

    /** The same tenant with every id shifted by offset. */
    public TenantSpec withIdOffset(long offset) {
        return new TenantSpec(seed, checks, containers, computedShare, computedFieldsShare, offset, datastores);
    }

    /** The same tenant with more datastores (the extra ones take their share of containers and checks). */
    public TenantSpec withDatastores(int count) {
        return new TenantSpec(seed, checks, containers, computedShare, computedFieldsShare, idOffset, count);
    }

    /** 20% of containers computed, half of the containers with computed fields. */
    public static TenantSpec of(long seed, int checks, int containers) {
        return new TenantSpec(seed, checks, containers, 0.2, 0.5);
    }

    /** A small tenant for quick tests and demos: 200 checks over 40 containers. */
    public static TenantSpec small() {
        return of(DEFAULT_SEED, 200, 40);
    }
}
