/**
 * Steward's plugin contracts. JDK only.
 *
 * <p>A plugin jar declares exactly one {@link dev.steward.spi.StewardPlugin} in {@code
 * META-INF/services/dev.steward.spi.StewardPlugin}. Core loads every plugin at boot through {@link
 * java.util.ServiceLoader}, then creates only the factories that configuration names explicitly.
 * Everything a plugin may use from the engine comes through the context object handed to its
 * factory; plugins never see core classes.
 */
package dev.steward.spi;
