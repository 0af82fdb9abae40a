namespace GmPki.Storage.Context;

/// <summary>Which kind of constraint a failed write violated, as far as the ledger cares.</summary>
internal enum ConstraintViolation
{
    /// <summary>Some other failure; rethrow it.</summary>
    None,

    /// <summary>A unique index or primary key already holds the value.</summary>
    Unique,

    /// <summary>A referenced row (issuer, parent CA) does not exist.</summary>
    ForeignKey,
}
