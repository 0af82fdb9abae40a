using GmPki.Core.Ledger;

namespace GmPki.Storage.Writing;

/// <summary>
/// One parameterised SQL statement of the write path, written once in the SQL both providers
/// accept (<c>@name</c> parameters, the snake_case names of the migrations).
/// </summary>
/// <param name="Sql">The statement.</param>
/// <param name="Parameters">Parameter names, in the order <see cref="LedgerStep"/> supplies values.</param>
internal sealed record LedgerStatement(string Sql, params string[] Parameters);

/// <summary>A statement with its values.</summary>
/// <param name="Statement">The statement.</param>
/// <param name="Values">Values for <see cref="LedgerStatement.Parameters"/>, same order; null is SQL NULL.</param>
/// <param name="MustChangeOneRow">For guarded updates: the step fails with <see cref="WriteOutcome.NotMatched"/> unless exactly one row changes.</param>
/// <param name="Audit">For the insert of an audit event: the event as stored. The writer appends it to
/// the SM3 chain and supplies the last three parameters (id, previous hash, hash) after <paramref name="Values"/>.</param>
internal sealed record LedgerStep(LedgerStatement Statement, object?[] Values, bool MustChangeOneRow = false, AuditEvent? Audit = null);

/// <summary>How a <see cref="LedgerWrite"/> ended.</summary>
internal enum WriteOutcome
{
    /// <summary>Every step ran; the transaction committed.</summary>
    Written,

    /// <summary>A unique index already held a value; nothing of the write was kept.</summary>
    Duplicate,

    /// <summary>A foreign key named a missing row; nothing of the write was kept.</summary>
    MissingReference,

    /// <summary>A guarded update matched no row (wrong state or unknown key); nothing was kept.</summary>
    NotMatched,
}
