/**
 * Where instances run. A {@link dev.steward.spi.platform.Platform} provisions one {@link
 * dev.steward.spi.platform.Host} per instance and destroys it again; the host is a datastore
 * module's only way to run commands, touch files and run the engine's server process. The local
 * platform runs everything on this machine; a cloud platform runs the same datastore code in a
 * guest agent next to the server.
 */
package dev.steward.spi.platform;
