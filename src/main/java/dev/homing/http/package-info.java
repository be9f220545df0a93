/**
 * Web primitives: the one HTTP server ({@code Server}) on which the node's wiring mounts the faces side by side
 * (public pages, web UI, REST API, metrics: each registers its own routes), what a failed request says about its
 * client ({@code Faults}), and the one HTML escaper ({@code Html}). The HTTP counterpart of {@code smtp}.
 */
package dev.homing.http;
