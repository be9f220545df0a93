package dev.homing.web;

/**
 * A secret shown once, on the page the action that made it answers with (an API key, a webhook's signing secret, a
 * one-time password): what it is, the value, and how to use it. Homing keeps only a hash or a sealed copy.
 */
public record ShownOnce(String what, String value, String use) {
}
