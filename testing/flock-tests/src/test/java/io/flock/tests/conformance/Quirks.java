package io.flock.tests.conformance;

/**
 * The documented differences of one client (docs/types.md, docs/jdbc.md, docs/flight-sql.md).
 * {@link ConformanceSuite} asserts the behaviour each flag describes, so every difference is
 * checked rather than skipped.
 *
 * @param exposesSqlState errors carry Flock's SQLSTATE (else the suite checks the message only)
 * @param exposesQueryId the query id is known while a query runs (else the server state is found by SQL text)
 * @param unsignedAsSigned unsigned integers are read as signed (UTINYINT 255 reads as -1; docs/types.md)
 * @param timestampTzGetObject the generic accessor reads TIMESTAMPTZ (else it throws "not implemented" and the
 *     exact getter is used)
 * @param timestampParameterMicros a bound TIMESTAMP keeps microseconds (else milliseconds: the server announces
 *     TIMESTAMP parameters in milliseconds, docs/types.md, and the client follows that schema)
 * @param decimalParameterScaleError null if a DECIMAL parameter of another scale is rescaled; else part of the error
 *     it raises (the documented alternative, a value at the column's scale, is then checked)
 * @param listParameterError null if LIST parameters bind; else part of the error a LIST parameter raises
 *     (the documented alternative, text cast in SQL, is then checked)
 * @param timeoutError part of the message of a query ended by the server's {@code query.timeout}
 */
record Quirks(
        boolean exposesSqlState,
        boolean exposesQueryId,
        boolean unsignedAsSigned,
        boolean timestampTzGetObject,
        boolean timestampParameterMicros,
        String decimalParameterScaleError,
        String listParameterError,
        String timeoutError) {
}
