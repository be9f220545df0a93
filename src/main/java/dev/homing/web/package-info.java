/**
 * The public web pages (Javalin): the subscribe form and its API call, the confirmation page of
 * the double opt-in (followed by a welcome mail), the unsubscribe page with its RFC 8058 one-click
 * POST, and the page showing how to safelist a sender at each mailbox provider. The opt-in mails
 * themselves are written here too ({@link dev.homing.web.OptInMail}). Pages are small
 * server-rendered HTML with every value escaped; errors are plain pages, never stack traces.
 * The operator's web UI and REST API come later in this package.
 */
package dev.homing.web;
