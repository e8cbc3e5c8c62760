/**
 * The web console at {@code /}: static pages (in the jar, scripts from WebJars) that do the
 * product's flows over the public API. The browser never holds the API key: sign-in keeps it in
 * the server-side session, and {@code /console/api/**} forwards the page's calls to the public API
 * with it.
 */
package dev.horae.console;
