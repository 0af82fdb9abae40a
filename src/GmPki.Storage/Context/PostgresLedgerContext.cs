using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace GmPki.Storage.Context;

/// <summary>The ledger on PostgreSQL (times as <c>timestamp with time zone</c>).</summary>
internal sealed class PostgresLedgerContext(DbContextOptions<PostgresLedgerContext> options) : LedgerContext(options)
{
    /// <summary>Uses PostgreSQL through Npgsql with the given connection string.</summary>
    public static void Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        builder.UseNpgsql(connectionString);
        ConfigureShared(builder);
    }

    /// <summary>A repeatable-read transaction: every statement in it sees the snapshot of its first.</summary>
    public override Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    /// <summary>Which constraint a PostgreSQL error reports.</summary>
    public static ConstraintViolation Classify(Exception? exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => ConstraintViolation.Unique,
        PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } => ConstraintViolation.ForeignKey,
        _ => ConstraintViolation.None,
    };
}
