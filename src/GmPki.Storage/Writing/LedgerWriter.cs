using System.Data.Common;
using System.Threading.Channels;
using GmPki.Compliance.AuditChain;
using GmPki.Core.Ledger;
using GmPki.Storage.Context;

namespace GmPki.Storage.Writing;

/// <summary>
/// The one writer of this process (group commit): every ledger write is queued here and a single
/// loop runs whatever is queued as one transaction on its own long-lived connection, each write
/// in its own savepoint, then commits once and completes them all.
/// </summary>
/// <remarks>
/// <para>Why: a commit costs an fsync and EF Core's unit-of-work costs about a millisecond of CPU
/// per call, while the statements themselves cost tens of microseconds. Batching concurrent
/// issuances into one transaction of prepared statements makes the ledger far cheaper than
/// signing (<c>docs/performance.md</c>). SQLite admits one writer at a time anyway.</para>
/// <para>The writer chains audit events with SM3 (<c>docs/audit.md</c>): a batch with events first
/// locks the row of <c>audit_chain_head</c> (on SQLite the write lock does that already; on
/// PostgreSQL its row lock queues the batches of every node), gives each event the next id and
/// the hash of its canonical encoding over the previous hash, and stores the new head before it
/// commits. So ids follow commit order across processes and nodes, and nothing is cached between
/// batches: a failed batch leaves nothing to reload.</para>
/// <para>Each write is all-or-nothing: a constraint violation or a guarded update that matches no
/// row rolls back to that write's savepoint only, and the chain continues from before it. A failure of the batch itself (connection lost,
/// commit failed) fails every write in it, and the next batch reconnects.</para>
/// </remarks>
internal sealed class LedgerWriter : IAsyncDisposable, IDisposable
{
    /// <summary>Largest number of writes committed together.</summary>
    public const int MaxBatch = 128;

    private readonly WriterDatabase _database;
    private readonly Channel<LedgerWrite> _queue = Channel.CreateBounded<LedgerWrite>(new BoundedChannelOptions(4096) { SingleReader = true });
    private readonly Dictionary<LedgerStatement, DbCommand> _prepared = [];
    private readonly Task _loop;
    private DbConnection? _connection;
    private AuditChainHead? _head; // the chain as the running batch has it: null when the batch has no audit event

    public LedgerWriter(WriterDatabase database)
    {
        _database = database;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues <paramref name="steps"/> as one write and waits until it is committed or refused.</summary>
    /// <exception cref="DbException">The batch failed (connection or commit); nothing of the write was kept.</exception>
    public async Task<WriteOutcome> WriteAsync(IReadOnlyList<LedgerStep> steps, CancellationToken cancellationToken)
    {
        var write = new LedgerWrite(steps);
        await _queue.Writer.WriteAsync(write, cancellationToken);

        // Once queued the write goes ahead; the caller's cancellation must not hide its outcome.
        return await write.Completion.Task;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await CloseAsync();
    }

    private async Task RunAsync()
    {
        var batch = new List<LedgerWrite>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                var outcomes = await ExecuteAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(outcomes[i]);
                }
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
            {
                await CloseAsync();
                foreach (var write in batch)
                {
                    write.Completion.TrySetException(e);
                }
            }
        }
    }

    private async Task<WriteOutcome[]> ExecuteAsync(List<LedgerWrite> batch)
    {
        _connection ??= await _database.OpenAsync(CancellationToken.None);
        var outcomes = new WriteOutcome[batch.Count];
        await using var transaction = await _connection.BeginTransactionAsync();

        // Lock the chain head before any other row, so writers on other nodes queue here and never deadlock.
        var start = batch.Any(w => w.Steps.Any(s => s.Audit is not null)) ? await LockChainHeadAsync(transaction) : null;
        _head = start;
        for (var i = 0; i < batch.Count; i++)
        {
            await transaction.SaveAsync("w");
            var before = _head;
            outcomes[i] = await ExecuteAsync(batch[i].Steps, transaction);
            if (outcomes[i] == WriteOutcome.Written)
            {
                await transaction.ReleaseAsync("w");
            }
            else
            {
                await transaction.RollbackAsync("w");
                _head = before; // a refused write's events are gone; the chain continues from before it
            }
        }

        if (_head != start && await ExecuteAsync([LedgerStatements.ChainHead(_head!)], transaction) != WriteOutcome.Written)
        {
            throw new InvalidOperationException("The audit chain head row vanished during the batch.");
        }

        await transaction.CommitAsync();
        return outcomes;
    }

    private async Task<AuditChainHead> LockChainHeadAsync(DbTransaction transaction)
    {
        var command = Command(LedgerStatements.LockChainHead);
        command.Transaction = transaction;
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new AuditChainHead(reader.GetInt64(0), reader.GetString(1))
            : throw new InvalidOperationException("The ledger has no audit chain head row; it is not migrated or was tampered with.");
    }

    private async Task<WriteOutcome> ExecuteAsync(IReadOnlyList<LedgerStep> steps, DbTransaction transaction)
    {
        foreach (var step in steps)
        {
            var command = Command(step.Statement);
            command.Transaction = transaction;
            Bind(command, 0, step.Values);
            if (step.Audit is { } audit)
            {
                var previous = _head!;
                _head = AuditEventEncoding.Append(previous, audit);
                Bind(command, step.Values.Length, [_head.LastEventId, previous.LastHash, _head.LastHash]);
            }

            try
            {
                var changed = await command.ExecuteNonQueryAsync();
                if (step.MustChangeOneRow && changed != 1)
                {
                    return WriteOutcome.NotMatched;
                }
            }
            catch (DbException e) when (step.Audit is null && _database.Classify(e) != ConstraintViolation.None)
            {
                // (A constraint failing on an audit event means the chain head is out of step: the batch fails.)
                return _database.Classify(e) == ConstraintViolation.Unique ? WriteOutcome.Duplicate : WriteOutcome.MissingReference;
            }
        }

        return WriteOutcome.Written;
    }

    private static void Bind(DbCommand command, int first, object?[] values)
    {
        for (var p = 0; p < values.Length; p++)
        {
            command.Parameters[first + p].Value = values[p] ?? DBNull.Value;
        }
    }

    private DbCommand Command(LedgerStatement statement)
    {
        if (!_prepared.TryGetValue(statement, out var command))
        {
            command = _connection!.CreateCommand();
            command.CommandText = statement.Sql;
            foreach (var name in statement.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            _prepared[statement] = command;
        }

        return command;
    }

    private async Task CloseAsync()
    {
        foreach (var command in _prepared.Values)
        {
            await command.DisposeAsync();
        }

        _prepared.Clear();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
