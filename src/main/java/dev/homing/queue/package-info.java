/**
 * The durable queue: one delivery per (message, recipient), its state machine
 * ({@code queued → sending → delivered | deferred | bounced | complained | suppressed | expired | uncertain}),
 * the attempt log, the retry schedule, and the dot journal that makes a crash safe.
 * <p>
 * Hot-path writes are batched: the engine hands outcomes to {@link dev.homing.queue.Queue#settle}, which appends
 * them to the journal and to a single writer thread that commits them in groups. Before any
 * end-of-data dot is written, the engine waits for {@link dev.homing.queue.Queue#beforeDot}: a group-committed
 * (fsynced) journal record saying "this delivery may be handed over". On start,
 * {@link dev.homing.queue.Queue#recover} replays the journal: a delivery left {@code sending} with an outcome in
 * the journal gets it; one with a dot record and no outcome becomes {@code uncertain} (149, with the dot's time and
 * MX); any other is queued again, which is safe because its dot was never written.
 * <p>
 * Where to look: {@code Queue} is the face the engine and the enqueuers hold: the claim, the dot gate, settle, give
 * back, release, holds, checkpoints, and one-line hand-offs to the classes that do each other job: {@code Enqueue}
 * (messages and deliveries in), {@code Recovery} (the journal replayed at start, a shard taken over),
 * {@code LateEvents} (re-judging after the 250); {@code QueueView} is what reports, pages and commands read (counts,
 * summaries, rows, timelines, typed records); every statement is in {@code QueueSql}. A message is {@code expanding} while a
 * campaign still adds its batches; {@code Settled} is what the engine tells its listeners. One process delivers from a
 * home (it holds the journal; another gets {@code JournalInUse}); a process beside it queues through
 * {@code Queue.submitting}, which claims and settles nothing. {@code Forgetting} takes an erased person's address out of
 * their deliveries, attempts and events.
 * <p>
 * Each delivery is queued in one of {@link dev.homing.queue.Shards#COUNT} shards, decided once when it is
 * queued from its domain's {@link dev.homing.queue.Rollup} key (the receiving service: every domain Google
 * hosts is {@code google}); a cluster's nodes lease shards, and a clustered node's dot is recorded in the
 * shared database ({@code DotMarks}) instead of waiting for its own journal's flush.
 */
package dev.homing.queue;
