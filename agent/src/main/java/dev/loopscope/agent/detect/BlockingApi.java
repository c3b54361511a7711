package dev.loopscope.agent.detect;

/**
 * One blocking API as findings name it ({@code Thread.sleep}, {@code Socket.read}), with the
 * class of findings it belongs to. Ids are small ints handed to the advice, so a hook passes an
 * int, not a string.
 */
public final class BlockingApi {

    public final int id;
    /** The name in reports and in {@code allow=api:NAME} entries. */
    public final String name;
    /** sleep, wait, join, park, socket, file, dns, process, http, monitor or pinned. */
    public final String category;
    /** Whether the advice passes the method's first argument (a host name) instead of {@code this}. */
    public boolean passesArgument() {
        return category.equals("dns");
    }

    /** Only a blocking call when the channel it is called on is in blocking mode. */
    final boolean channelModeCheck;

    BlockingApi(int id, String name, String category, boolean channelModeCheck) {
        this.id = id;
        this.name = name;
        this.category = category;
        this.channelModeCheck = channelModeCheck;
    }

    @Override
    public String toString() {
        return name;
    }
}
