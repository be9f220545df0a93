/**
 * Web primitives shared by the faces the node's HTTP server mounts (public pages, console, API, metrics) and the
 * HTML they and the mails write: what a failed request says about its client ({@code Faults}), and the one HTML
 * escaper ({@code Html}). The HTTP counterpart of {@code smtp}.
 */
package dev.homing.http;
