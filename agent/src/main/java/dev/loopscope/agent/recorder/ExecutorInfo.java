package dev.loopscope.agent.recorder;

/** An executor as the recorder knows it: its id, class, identity and any name the user gave it. */
public final class ExecutorInfo {

    private final int id;
    private final String className;
    private final int identityHash;
    private volatile String userName;

    public ExecutorInfo(int id, String className, int identityHash) {
        this.id = id;
        this.className = className;
        this.identityHash = identityHash;
    }

    public int id() {
        return id;
    }

    public String className() {
        return className;
    }

    public int identityHash() {
        return identityHash;
    }

    /** The name given through the public API, or {@code null}. */
    public String userName() {
        return userName;
    }

    void setUserName(String name) {
        this.userName = name;
    }
}
