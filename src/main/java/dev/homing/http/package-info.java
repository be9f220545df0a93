/**
 * HTTP primitives shared by the faces the node's HTTP server mounts (public pages, console, API, metrics): what a
 * failed request says about its client. The HTTP counterpart of {@code smtp}.
 */
package dev.homing.http;
