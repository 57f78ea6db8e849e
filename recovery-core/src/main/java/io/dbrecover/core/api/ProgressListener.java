package io.dbrecover.core.api;

/**
 * Receives progress of long steps (hashing, copying). The CLI draws progress bars on a terminal and plain log
 * lines otherwise; libraries pass {@link #NONE}.
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (name, total, unit) -> Task.NONE;

    /**
     * A long step begins.
     *
     * @param name  what is being done, e.g. "hashing sources"
     * @param total the amount of work, or -1 when unknown
     * @param unit  the unit of {@code total}, e.g. "B" or "files"
     */
    Task begin(String name, long total, String unit);

    /** One long step in progress. */
    interface Task extends AutoCloseable {
        /** A task that ignores everything. */
        Task NONE = new Task() {
            @Override
            public void advance(long amount) {
            }

            @Override
            public void close() {
            }
        };

        /** Some more of the work was done. Must be safe to call from several threads. */
        void advance(long amount);

        @Override
        void close();
    }
}
