/**
 * In-memory fakes of the Tollgate plugin SDK, for plugins' unit tests.
 *
 * @since 0.1.0
 */
module dev.tollgate.sdk.testkit {
    requires transitive dev.tollgate.sdk;

    exports dev.tollgate.sdk.testkit;
}
