/**
 * The REST API under {@code /api/v1}: JSON, API keys with scopes ({@link dev.homing.access.ApiKeys}),
 * errors as RFC 9457 problem documents, cursor pagination, and an OpenAPI 3.1 document at
 * {@code /api/v1/openapi.json}. {@link dev.homing.api.Api} registers the routes into the web app;
 * {@link dev.homing.api.Wiring} is what it needs from the node (node.Site builds it). No SQL here: routes read
 * and write through the packages that own the tables.
 */
package dev.homing.api;
