/**
 * Micrometer observations and meters for the Scenext client: start with {@link
 * cn.scenext.micrometer.ScenextObservability}. Every name, key and meter is listed in
 * {@code docs/observability.md}.
 */
package cn.scenext.micrometer;
