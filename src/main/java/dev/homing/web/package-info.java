/**
 * The public web pages (Javalin): the subscribe form and its API call, the confirmation page of
 * the double opt-in, and the unsubscribe page with its RFC 8058 one-click POST. Pages are small
 * server-rendered HTML with every value escaped; errors are plain pages, never stack traces.
 * The operator's web UI and REST API come later in this package.
 */
package dev.homing.web;
