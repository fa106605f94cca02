/**
 * Engines. A {@link dev.steward.spi.datastore.Datastore} declares versions and capabilities and
 * offers the lifecycle of one engine plus optional admin interfaces; every call receives the {@link
 * dev.steward.spi.datastore.InstanceContext} of one instance, whose {@link
 * dev.steward.spi.platform.Host} is the only way to reach that instance's machine.
 */
package dev.steward.spi.datastore;
