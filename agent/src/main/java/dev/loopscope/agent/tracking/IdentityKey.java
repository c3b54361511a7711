package dev.loopscope.agent.tracking;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A map key that compares its object by identity and does not keep it alive: tasks and threads
 * may override {@code equals}, and a task that never runs must not be held by the agent.
 */
final class IdentityKey extends WeakReference<Object> {

    private final int hash;

    IdentityKey(Object referent, ReferenceQueue<Object> queue) {
        super(referent, queue);
        this.hash = System.identityHashCode(referent);
    }

    /** A key for a lookup, never stored. */
    static IdentityKey of(Object referent) {
        return new IdentityKey(referent, null);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof IdentityKey)) {
            return false;
        }
        Object mine = get();
        return mine != null && mine == ((IdentityKey) o).get();
    }
}
