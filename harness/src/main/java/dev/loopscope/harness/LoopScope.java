package dev.loopscope.harness;

/** How long a {@link TestLoop} lives. */
public enum LoopScope {
    /** A fresh loop for every test method (the built-in default), as pytest-asyncio does. */
    PER_METHOD,
    /** One loop for all tests of the class; its leak checks run once the class is done. */
    PER_CLASS,
    /** Not set here: the enclosing annotation's, the configuration parameter's, or the built-in value. */
    DEFAULT
}
