/**
 * Who may act: the web console's accounts (PBKDF2 password hashes, first-run admin, resets, a {@code Role} each: admin,
 * editor, viewer; never without an admin), their sessions (hashed
 * tokens, idle and absolute lifetimes, a CSRF secret each), and the REST API's keys with their scopes. Owns the
 * {@code web_user}, {@code web_session} and {@code api_key} tables; the faces (web, api, cli) call it.
 */
package dev.homing.access;
