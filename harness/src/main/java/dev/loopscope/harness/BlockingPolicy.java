package dev.loopscope.harness;

/** What a blocking call or stall on a loop thread does to the test that made it. */
public enum BlockingPolicy {
    /** The test fails with the call's API, call site and stack (the built-in default). */
    FAIL,
    /** The finding is reported (a test report entry and stderr), the test passes. */
    WARN,
    /** Not checked. */
    OFF,
    /** Not set here: the enclosing annotation's, the configuration parameter's, or the built-in value. */
    DEFAULT
}
