/**
 * A real PostgreSQL for the project's tests and figures ({@link cn.scenext.testsupport.postgres.EmbeddedPostgres}),
 * from the server binaries in a Maven artifact: no Docker, nothing installed; run as {@code nobody} when the build
 * runs as root. Its dependencies are optional: a build that uses it declares the driver, the binaries and the
 * archive readers itself. Not published; used in test scope (and by the unpublished benchmarks) only.
 */
package cn.scenext.testsupport.postgres;
