package qdrift.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test that pins one row of the fault matrix in docs/fault-matrix.md. The row names the test as {@code Class#method};
 * FaultMatrixTest keeps the annotated tests and that page's rows equal, one to one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Fault {
    /** The matrix group: network, http, api-shape, git, file-system, process, input, notify or revert. */
    String group();
}
