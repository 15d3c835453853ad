package io.flock.engine.query;

/**
 * How many queries run and wait now, and how many ended since start, by outcome.
 *
 * @param running queries holding an execution slot
 * @param queued queries waiting for a slot
 * @param finished queries that ended successfully
 * @param failed queries that ended with an error (timeouts included)
 * @param cancelled queries cancelled by a user, a client or shutdown
 */
public record QueryCounts(long running, long queued, long finished, long failed, long cancelled) {
}
